# Shared pieces of the benchmark scripts (sourced by bash): find the JDK, build once, start the
# simulator and the harness in their own JVMs, and read CPU, RSS, threads and heap from /proc and
# jcmd. Everything runs on loopback and every process started here is stopped on exit.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAR="$ROOT/cli/target/scaletest.jar"
# The same JDK lookup as ./mvnw and ./scaletest (exits 2 with one line when there is none).
. "$ROOT/.mvn/find-jdk.sh"
JAVA="$JAVA_HOME/bin/java"
# The JVM options ./scaletest gives each command (BENCH_LAUNCHER_OPTS=0 leaves them out).
. "$ROOT/.mvn/jvm-options.sh"
launcher_opts() {
  if [ "${BENCH_LAUNCHER_OPTS:-1}" = 1 ]; then scaletest_jvm_options "$1"; fi
}
JCMD="$JAVA_HOME/bin/jcmd"
CLK_TCK=$(getconf CLK_TCK)
BENCH_WORK="${BENCH_WORK:-$(mktemp -d /tmp/scaletest-bench.XXXXXX)}"
mkdir -p "$BENCH_WORK"
BENCH_SIM_OPTS="${BENCH_SIM_OPTS:-}"
BENCH_HARNESS_OPTS="${BENCH_HARNESS_OPTS:-}"
BENCH_JFR="${BENCH_JFR:-0}"
BENCH_PERF="${BENCH_PERF:-0}"
# The socket layer of one side only (SCALETEST_NETTY_TRANSPORT for that JVM: epoll, io_uring, nio),
# so an A/B can change the harness's layer while the simulator keeps its own.
BENCH_SIM_TRANSPORT="${BENCH_SIM_TRANSPORT:-${SCALETEST_NETTY_TRANSPORT:-}}"
BENCH_HARNESS_TRANSPORT="${BENCH_HARNESS_TRANSPORT:-${SCALETEST_NETTY_TRANSPORT:-}}"

bench_log() { printf 'bench: %s\n' "$*" >&2; }
bench_fail() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# Thousands of sockets per JVM: raise the open-file limit as far as the hard limit allows.
bench_raise_nofile() {
  local hard
  hard=$(ulimit -Hn)
  if [ "$hard" = unlimited ]; then hard=1048576; fi
  ulimit -n "$hard" 2>/dev/null || true
  bench_log "open-file limit $(ulimit -n) (one socket per stream in each JVM, plus the JVM's own files)"
}

# Builds the jar once per benchmark session (BENCH_SKIP_BUILD=1 reuses the jar that is there).
bench_build() {
  if [ "${BENCH_SKIP_BUILD:-0}" = 1 ] && [ -f "$JAR" ]; then return 0; fi
  if [ -f "$BENCH_WORK/.built" ]; then return 0; fi
  bench_log "building (./mvnw -B -q -DskipTests package)"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package) >&2
  touch "$BENCH_WORK/.built"
  export BENCH_SKIP_BUILD=1
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# JFR for one JVM when BENCH_JFR=1: jfr_opts NAME prints the flag, recording to $BENCH_WORK/NAME.jfr.
jfr_opts() {
  if [ "$BENCH_JFR" = 1 ]; then
    printf -- '-XX:StartFlightRecording=filename=%s/%s.jfr,settings=profile,dumponexit=true' "$BENCH_WORK" "$1"
  fi
}

# With BENCH_PERF=1 both JVMs keep frame pointers, so perf can walk Java stacks (a few per cent of
# CPU, the same in every row of such a run); perf_opts prints the flag.
perf_opts() {
  if [ "$BENCH_PERF" = 1 ]; then printf -- '-XX:+PreserveFramePointer'; fi
}

# perf_record NAME PID SECONDS: samples PID's CPU (cpu-clock: this kind of guest has no hardware
# counters) with call graphs into $BENCH_WORK/NAME.perf.data, in the background; sets PERF_PIDS.
PERF_PIDS=()
perf_record() {
  command -v perf >/dev/null || bench_fail "BENCH_PERF=1 needs perf (apt-get install linux-perf)"
  perf record -q -e cpu-clock -F 499 -g -p "$2" -o "$BENCH_WORK/$1.perf.data" -- sleep "$3" >/dev/null 2>&1 &
  PERF_PIDS+=($!)
  # And how many of the system calls that move bytes or wait for them the process made.
  local calls=read,write,readv,writev,recvfrom,sendto,recvmsg,sendmsg,epoll_wait,epoll_pwait,epoll_pwait2,futex
  perf stat -x, -o "$BENCH_WORK/$1.syscalls.csv" -e "$(printf 'syscalls:sys_enter_%s,' ${calls//,/ } | sed 's/,$//')" \
    -p "$2" -- sleep "$3" >/dev/null 2>&1 &
  PERF_PIDS+=($!)
}

# perf_summary NAME PID TICKS: waits for the recordings, writes the JIT's symbol map for PID (perf
# reads /tmp/perf-PID.map) and splits NAME's samples by where they ran, with the system calls per
# tick (TICKS sent in the window): $BENCH_WORK/NAME.perf.txt.
perf_summary() {
  local data="$BENCH_WORK/$1.perf.data"
  # A bare `wait` would wait for the simulator too.
  if [ "${#PERF_PIDS[@]}" -gt 0 ]; then wait "${PERF_PIDS[@]}" 2>/dev/null || true; fi
  PERF_PIDS=()
  "$JCMD" "$2" Compiler.perfmap >/dev/null 2>&1 || true
  python3 "$BENCH_DIR/perf_split.py" "$data" "$BENCH_WORK/$1.syscalls.csv" "$3" >"$BENCH_WORK/$1.perf.txt" 2>&1 || true
}

# Starts `scaletest simulator` in its own JVM with the given extra flags; sets SIM_PID, SIM_URL,
# SIM_TOKEN, SIM_SSH. The simulator log is $BENCH_WORK/simulator-<script>-<n>.log: named per script,
# because run-all's scripts share BENCH_WORK and a log left by an earlier script would be read as
# this simulator's before the new process has truncated it.
SIM_SEQ=0
start_simulator() {
  SIM_SEQ=$((SIM_SEQ + 1))
  local name log port ssh_port
  name="simulator-$(basename "$0" .sh)-$SIM_SEQ"
  log="$BENCH_WORK/$name.log"
  rm -f "$log"
  port=$(free_port); ssh_port=$(free_port)
  # shellcheck disable=SC2086
  SCALETEST_NETTY_TRANSPORT="$BENCH_SIM_TRANSPORT" "$JAVA" $(launcher_opts simulator) $(perf_opts) $BENCH_SIM_OPTS $(jfr_opts "$name") -jar "$JAR" simulator \
    --listen "127.0.0.1:$port" --ssh-listen "127.0.0.1:$ssh_port" "$@" >"$log" 2>&1 &
  SIM_PID=$!
  for _ in $(seq 1 600); do
    if grep -q '^SSH:' "$log" 2>/dev/null; then break; fi
    kill -0 "$SIM_PID" 2>/dev/null || { cat "$log" >&2; bench_fail "the simulator did not start"; }
    sleep 0.1
  done
  SIM_URL=$(sed -n 's/^URL: *//p' "$log" | head -n1)
  SIM_TOKEN=$(sed -n 's/^Admin token: *//p' "$log" | head -n1)
  SIM_SSH=$(sed -n 's/^SSH: *//p' "$log" | head -n1)
  [ -n "$SIM_URL" ] && [ -n "$SIM_TOKEN" ] || { cat "$log" >&2; bench_fail "could not read the simulator's URL and token"; }
}

stop_simulator() {
  if [ -n "${SIM_PID-}" ]; then
    kill "$SIM_PID" 2>/dev/null || true
    wait "$SIM_PID" 2>/dev/null || true
    SIM_PID=
  fi
}

# Runs the harness (`scaletest ARGS...`) in the background in its own JVM; sets H_PID (the JVM)
# and H_DONE, a file that gets "<exit code> <CPU seconds>" once it has exited. The CPU figure is
# the JVM's whole user+system time: the subshell reads its own reaped-children time after `wait`.
H_SEQ=0
start_harness() {
  H_SEQ=$((H_SEQ + 1))
  local name="$1"; shift
  # shellcheck disable=SC2086
  start_process "$name" env SCALETEST_NETTY_TRANSPORT="$BENCH_HARNESS_TRANSPORT" "$JAVA" $(launcher_opts "$1") $(perf_opts) $BENCH_HARNESS_OPTS $(jfr_opts "$name") -jar "$JAR" "$@"
}

# Runs any load generator (COMMAND ARGS...) as start_harness runs scaletest: stdout and stderr in
# $BENCH_WORK/NAME.out and .err; sets H_PID, H_DONE and H_WRAPPER for wait_harness and stop_harness.
start_process() {
  local name="$1"; shift
  H_DONE="$BENCH_WORK/$name.done"
  rm -f "$H_DONE" "$BENCH_WORK/$name.pid"
  (
    "$@" >"$BENCH_WORK/$name.out" 2>"$BENCH_WORK/$name.err" &
    echo $! >"$BENCH_WORK/$name.pid"
    rc=0; wait $! || rc=$?
    awk -v tck="$CLK_TCK" -v rc="$rc" '{ printf "%d %.3f\n", rc, ($16 + $17) / tck }' "/proc/$BASHPID/stat" >"$H_DONE.tmp"
    mv "$H_DONE.tmp" "$H_DONE"
  ) &
  H_WRAPPER=$!
  for _ in $(seq 1 600); do [ -s "$BENCH_WORK/$name.pid" ] && break; sleep 0.05; done
  [ -s "$BENCH_WORK/$name.pid" ] || bench_fail "$name: the process did not start"
  H_PID=$(cat "$BENCH_WORK/$name.pid")
}

# Waits for the harness started last; sets H_RC and H_CPU (seconds).
wait_harness() {
  wait "$H_WRAPPER" 2>/dev/null || true
  read -r H_RC H_CPU <"$H_DONE"
}

stop_harness() {
  if [ -n "${H_PID-}" ] && kill -0 "$H_PID" 2>/dev/null; then
    kill "$H_PID" 2>/dev/null || true
    wait "${H_WRAPPER-}" 2>/dev/null || true
  fi
}

bench_cleanup() {
  stop_harness
  stop_simulator
}

# CPU seconds (user+system) a live process has used so far.
cpu_seconds() {
  awk -v tck="$CLK_TCK" '{ printf "%.3f", ($14 + $15) / tck }' "/proc/$1/stat" 2>/dev/null || echo 0
}

rss_mib() {
  awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0
}

threads() {
  awk '/^Threads:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0
}

# CPU ticks per thread group of a process ("scaletest-ws-3-1" and "scaletest-ws-3-2" add up as
# "scaletest-ws-N-N"), one "name|ticks" line each, sorted by name.
thread_ticks() {
  # One awk over every thread's stat file: a JVM with a platform thread per connection has
  # thousands, and a process per thread took longer than the harness had left to run.
  awk '{
    open = index($0, "("); match($0, /\)[^)]*$/)
    n = substr($0, open + 1, RSTART - open - 1); split(substr($0, RSTART + 2), f, " ")
    gsub(/[0-9]+/, "N", n); a[n] += f[12] + f[13]
  } END { for (k in a) print k "|" a[k] }' /proc/"$1"/task/*/stat 2>/dev/null | LC_ALL=C sort -t'|' -k1,1
}

# CPU seconds per thread group between two thread_ticks snapshots, largest first.
thread_cpu_delta() {
  { LC_ALL=C join -t'|' "$1" "$2" || true; } | awk -F'|' -v tck="$CLK_TCK" '$3 > $2 { printf "%8.2f s  %s\n", ($3 - $2) / tck, $1 }' | sort -rn
}

now_seconds() {
  date +%s.%N
}

# Heap in use right after a full GC, in MiB (forces the GC, so call it outside a timed window).
heap_after_gc_mib() {
  "$JCMD" "$1" GC.run >/dev/null 2>&1 || true
  { "$JCMD" "$1" GC.heap_info 2>/dev/null || true; } | awk '
    / used / && !done { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); printf "%.1f", v / 1024; done = 1 } }
    END { if (!done) print "nan" }'
}

# Arithmetic on decimals: calc 'EXPR' (awk; no interpreter start-up inside timed loops).
calc() {
  awk "BEGIN { printf \"%.6f\\n\", $1 }"
}

# Creates COUNT workspaces (users too) in the simulator and leaves them there.
create_workspaces_for_traffic() {
  local count="$1"
  bench_log "creating $count workspaces in the simulator"
  # Setup, not the run being measured: BENCH_HARNESS_OPTS stays out (for this call only), so a flag
  # that clashes with create-workspaces' own launcher options (its serial collector) cannot fail it.
  BENCH_HARNESS_OPTS="" start_harness "setup-create-$count" create-workspaces --url "$SIM_URL" --token "$SIM_TOKEN" --template kubernetes \
    --count "$count" --concurrency 0 --no-cleanup --timeout 30m --job-timeout 10m --progress none \
    --journal-dir "$BENCH_WORK/journal-setup-$count" --output "json:$BENCH_WORK/setup-create-$count.json"
  wait_harness
  [ "$H_RC" = 0 ] || { tail -n 20 "$BENCH_WORK/setup-create-$count.err" >&2; bench_fail "creating $count workspaces failed (exit $H_RC)"; }
}

# Highest "streams" a `--progress json` stderr file has reported so far.
progress_streams() {
  { grep -o '"type":"traffic".*"streams":[0-9]*' "$1" 2>/dev/null || true; } |
    sed 's/.*"streams"://' | awk 'BEGIN { m = 0 } $1 > m { m = $1 } END { print m }'
}

# elapsed_seconds of the first traffic line of a `--progress json` stderr file, or nothing yet.
first_progress_elapsed() {
  { grep -o '"type":"traffic".*"elapsed_seconds":[0-9.]*' "$1" 2>/dev/null || true; } | head -n 1 |
    sed 's/.*"elapsed_seconds"://'
}

# Wall-clock time (seconds) at which the traffic phase of the harness started last began, placed by
# the first live progress line of its `--progress json` stderr FILE: the JVM first starts and lists
# the workspaces, which takes a while on a busy machine. Now, if the harness ends without one.
traffic_phase_start() {
  local first
  while kill -0 "$H_PID" 2>/dev/null; do
    first=$(first_progress_elapsed "$1")
    if [ -n "$first" ]; then calc "$(now_seconds) - $first"; return; fi
    sleep 0.5
  done
  now_seconds
}

# Machine line for the result tables.
machine_summary() {
  local model mem
  model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
  mem=$(free -g | awk '/^Mem:/ { print $2 " GiB RAM" }')
  printf '%s cores (nproc), %s, %s, %s' "$(nproc)" "$model" "$mem" "$("$JAVA" -version 2>&1 | head -n1)"
}
