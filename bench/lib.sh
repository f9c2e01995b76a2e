# Shared pieces of the benchmark scripts: start the simulator and the harness in their own JVMs,
# read CPU time, RSS and threads of a process from /proc, and print table rows.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
WORK="${BENCH_WORK:-$(mktemp -d /tmp/scaletest-bench.XXXXXX)}"
CLK_TCK=$(getconf CLK_TCK)

# Builds once, so the timed runs do not include compilation.
bench_build() {
  (cd "$ROOT" && ./scaletest --version >/dev/null)
}

# Starts `scaletest simulator` in its own JVM; sets SIM_PID, SIM_URL, SIM_TOKEN, SIM_SSH.
start_simulator() {
  local log="$WORK/simulator.log"
  SCALETEST_JAVA_OPTS="${SIM_JAVA_OPTS:--Xmx4g}" "$ROOT/scaletest" simulator --listen 127.0.0.1:0 "$@" >"$log" 2>&1 &
  SIM_PID=$!
  for _ in $(seq 1 300); do
    if grep -q '^Admin token:' "$log" 2>/dev/null; then break; fi
    kill -0 "$SIM_PID" 2>/dev/null || { cat "$log" >&2; echo "bench: simulator did not start" >&2; exit 1; }
    sleep 0.1
  done
  SIM_URL=$(sed -n 's/^URL: *//p' "$log" | head -n1)
  SIM_TOKEN=$(sed -n 's/^Admin token: *//p' "$log" | head -n1)
  SIM_SSH=$(sed -n 's/^SSH: *//p' "$log" | head -n1)
  [ -n "$SIM_URL" ] && [ -n "$SIM_TOKEN" ] || { cat "$log" >&2; echo "bench: could not read the simulator's URL and token" >&2; exit 1; }
}

stop_simulator() {
  [ -n "${SIM_PID-}" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null || true
}

# CPU seconds (user+system) a process has used so far.
cpu_seconds() {
  awk -v tck="$CLK_TCK" '{ printf "%.2f", ($14 + $15) / tck }' "/proc/$1/stat" 2>/dev/null || echo 0
}

rss_mib() {
  awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0
}

threads() {
  awk '/^Threads:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0
}

# Heap in use after a full GC, in MiB (jcmd from the JDK the launcher found).
heap_after_gc_mib() {
  local jcmd
  jcmd="$(. "$ROOT/.mvn/find-jdk.sh" && echo "$JAVA_HOME/bin/jcmd")"
  "$jcmd" "$1" GC.run >/dev/null 2>&1 || true
  "$jcmd" "$1" GC.heap_info 2>/dev/null | awk '
    /used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); print int(v / 1024); exit } }'
}

# Reads one field of a JSON report: json_field FILE 'python expression on r'.
json_field() {
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print($2)" "$1"
}
