#!/usr/bin/env bash
# Peer benchmark: the same web-terminal traffic from Gatling (bench/peers/gatling, Gatling's Java
# DSL) and from `scaletest workspace-traffic`, run alternately against one standalone simulator;
# prints one Markdown table.
#
#   BENCH_PEER_COUNTS="200 600 1000"   stream counts; each gets one Gatling row and one scaletest row
#   BENCH_DURATION=40                  seconds of traffic per stream
#   BENCH_GATLING_OPTS                 extra JVM flags for the Gatling JVM (after GATLING_JVM_OPTS)
#   BENCH_HARNESS_OPTS / BENCH_SIM_OPTS   as in traffic.sh
#   BENCH_PEER_WARMUP=5                seconds of traffic before the steady window opens: each run is a
#                                      fresh JVM, and Gatling can take 10-20 s to catch up its first ticks
#   BENCH_PEER_SEARCH=1                instead: streams per core. Steps each tool from
#                                      BENCH_PEER_SEARCH_FROM (500) by BENCH_PEER_SEARCH_STEP (500) up to
#                                      BENCH_PEER_SEARCH_MAX (3000), both tools at each step, until a tool
#                                      misses 99.9% delivered or a steady lateness p99 of 50 ms; prints every
#                                      row and then the most streams each tool carried, divided by the cores
#                                      that tool used in that run's steady window (its CPU seconds over the
#                                      window's seconds), and per core of the host (the simulator runs on
#                                      the same cores)
#
# Each stream sends 4096 bytes every 100 ms through coderd's reconnecting-PTY WebSocket, one tick in
# flight, and ends with Ctrl-C. Delivery is counted at the simulator (bytes_received of /sim/stats
# against the plan); CPU is the whole load-generator process's, from /proc, for the whole run and
# for the steady window (every stream up and BENCH_PEER_WARMUP=5 s of traffic past, until 5 s before
# the planned end), as traffic.sh measures; BENCH_WORK/peers-TOOL-N.threads.txt splits the window's
# CPU by thread.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

COUNTS="${BENCH_PEER_COUNTS:-200 600 1000}"
DURATION="${BENCH_DURATION:-40}"
BYTES_PER_TICK=4096
TICK_MS=100
GATLING_DIR="$BENCH_DIR/peers/gatling"
# Gatling's launchers start its JVM with -server -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12 -Xmx1G;
# Gatling opens java.lang for its stats writer; the rest is what ./scaletest gives its JVM on this
# JDK (native access, Netty's Unsafe paths, no leak sampling), so both Netty stacks run alike.
GATLING_JVM_OPTS="-server -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12 -Xmx1G --add-opens=java.base/java.lang=ALL-UNNAMED"
BENCH_GATLING_OPTS="${BENCH_GATLING_OPTS:-}"
# The steady window opens this many seconds after the traffic phase started, once every stream is up.
WARMUP="${BENCH_PEER_WARMUP:-5}"

trap bench_cleanup EXIT
bench_raise_nofile
bench_build
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$GATLING_DIR/target/classpath.txt" ]; then
  bench_log "building the Gatling peer (./mvnw -f bench/peers/gatling/pom.xml package)"
  (cd "$ROOT" && ./mvnw -B -q -f bench/peers/gatling/pom.xml package) >&2
fi

SEARCH="${BENCH_PEER_SEARCH:-0}"
SEARCH_FROM="${BENCH_PEER_SEARCH_FROM:-500}"
SEARCH_STEP="${BENCH_PEER_SEARCH_STEP:-500}"
SEARCH_MAX="${BENCH_PEER_SEARCH_MAX:-3000}"

max=0
if [ "$SEARCH" = 1 ]; then
  [ "$SEARCH_FROM" -gt 0 ] && [ "$SEARCH_STEP" -gt 0 ] || bench_fail "BENCH_PEER_SEARCH_FROM and _STEP must be positive"
  max=$SEARCH_MAX
else
  for n in $COUNTS; do [ "$n" -gt "$max" ] && max=$n; done
fi
[ "$max" -gt 0 ] || bench_fail "nothing to run: BENCH_PEER_COUNTS='$COUNTS'"

start_simulator --provisioners 64 --build-time 0s --agent-connect-time 0s
create_workspaces_for_traffic "$max"
# The agents scaletest's --target-workspaces 0:N picks, in its order: Gatling's feeder.
python3 "$BENCH_DIR/peers/agents.py" "$SIM_URL" "$SIM_TOKEN" "$max" "$BENCH_WORK/peers-agents.csv"

# One field of the simulator's /sim/stats.
sim_stat() {
  python3 -c 'import json, sys, urllib.request
print(json.load(urllib.request.urlopen(sys.argv[1] + "/sim/stats", timeout=30))[sys.argv[2]])' "$SIM_URL" "$1"
}

# Waits (up to 60 s) until the previous run's terminals are all closed at the simulator.
await_quiet_simulator() {
  for _ in $(seq 1 120); do
    [ "$(sim_stat websockets_open)" = 0 ] && return 0
    sleep 0.5
  done
  bench_log "the simulator still has $(sim_stat websockets_open) WebSockets open"
}

echo "Host: $(machine_summary); commit $(git -C "$ROOT" rev-parse --short HEAD); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| tool | streams | s | delivered at simulator | echoed ticks (tool's count) | CPU s (whole process) | µs CPU per stream-s, whole run | µs CPU per stream-s, steady | threads | RSS MiB | tick lateness p99 ms: run / steady worst 1 s | echo RTT p99 ms: run / steady worst 1 s | simulator µs per stream-s |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"

# Samples the steady window of the load generator H_PID, then waits for it to exit; sets W_* for row.py.
# $1: epoch seconds when the traffic phase started (streams connecting), $2: a command that prints how
# many streams are up so far.
measure_run() {
  local phase_start="$1" up_cmd="$2" up=0
  while kill -0 "$H_PID" 2>/dev/null; do
    up=$($up_cmd)
    [ "$up" -ge "$W_N" ] && break
    if [ "$(calc "($(now_seconds) - $phase_start > $DURATION / 2) ? 1 : 0")" != 0.000000 ]; then break; fi
    sleep 0.5
  done
  W_UP=$up
  # Both tools start fresh JVMs: the first seconds of ticks run through code not yet compiled.
  local warm
  warm=$(calc "$phase_start + $WARMUP - $(now_seconds)")
  if [ "$(calc "($warm > 0) ? 1 : 0")" != 0.000000 ]; then sleep "$warm"; fi
  W_T0=$(now_seconds); W_CPU0=$(cpu_seconds "$H_PID"); W_SIM0=$(cpu_seconds "$SIM_PID")
  thread_ticks "$H_PID" >"$BENCH_WORK/$W_NAME.threads0"
  local window
  window=$(calc "($phase_start + $DURATION - 5 - $W_T0 < 2) ? 2 : $phase_start + $DURATION - 5 - $W_T0")
  bench_log "$W_NAME: $up streams up; measuring for ${window}s"
  sleep "$window"
  W_T1=$(now_seconds); W_CPU1=$(cpu_seconds "$H_PID"); W_SIM1=$(cpu_seconds "$SIM_PID")
  W_RSS=$(rss_mib "$H_PID"); W_THREADS=$(threads "$H_PID")
  calc "($W_CPU1 - $W_CPU0) / ($W_T1 - $W_T0)" >"$BENCH_WORK/$W_NAME.cores"
  thread_ticks "$H_PID" >"$BENCH_WORK/$W_NAME.threads1"
  # Which threads of the load generator spent the window's CPU.
  { echo "CPU by thread over the ${window}s window:"
    thread_cpu_delta "$BENCH_WORK/$W_NAME.threads0" "$BENCH_WORK/$W_NAME.threads1"; } >"$BENCH_WORK/$W_NAME.threads.txt"
  wait_harness
}

row() {
  python3 "$BENCH_DIR/peers/row.py" "$1" n="$W_N" duration="$DURATION" bytes_per_tick="$BYTES_PER_TICK" tick_ms="$TICK_MS" \
    rc="$H_RC" cpu="$H_CPU" cpu0="$W_CPU0" cpu1="$W_CPU1" t0="$W_T0" t1="$W_T1" sim0="$W_SIM0" sim1="$W_SIM1" \
    recv0="$W_RECV0" recv1="$W_RECV1" rss="$W_RSS" threads="$W_THREADS" up="$W_UP" verdict="$BENCH_WORK/$W_NAME.verdict" "${@:2}"
}

gatling_up() {
  # The simulation writes the mark once every stream has passed its start gate.
  if [ -s "$W_OUT/traffic-start.txt" ]; then echo "$W_N"; else echo 0; fi
}

run_gatling() {
  W_N="$1"; W_NAME="peers-gatling-$1"; W_OUT="$BENCH_WORK/$W_NAME"
  rm -rf "$W_OUT"; mkdir -p "$W_OUT"
  head -n $((W_N + 1)) "$BENCH_WORK/peers-agents.csv" >"$W_OUT/agents.csv"
  await_quiet_simulator
  W_RECV0=$(sim_stat bytes_received)
  bench_log "$W_NAME: $W_N streams for ${DURATION}s"
  # shellcheck disable=SC2086
  start_process "$W_NAME" "$JAVA" $GATLING_JVM_OPTS $(launcher_opts workspace-traffic) $BENCH_GATLING_OPTS $(jfr_opts "$W_NAME") \
    -cp "$GATLING_DIR/target/classes:$(cat "$GATLING_DIR/target/classpath.txt")" \
    -Dpeer.url="$SIM_URL" -Dpeer.token="$SIM_TOKEN" -Dpeer.agents="$W_OUT/agents.csv" -Dpeer.streams="$W_N" \
    -Dpeer.durationSeconds="$DURATION" -Dpeer.bytesPerTick="$BYTES_PER_TICK" -Dpeer.tickMillis="$TICK_MS" -Dpeer.out="$W_OUT" \
    io.gatling.app.Gatling --simulation dev.scaletest.bench.peers.TerminalTrafficSimulation \
    --results-folder "$W_OUT/results" --no-reports
  # The traffic phase starts when every stream has passed the start gate (the simulation's mark).
  local phase_start=""
  while kill -0 "$H_PID" 2>/dev/null && [ ! -s "$W_OUT/traffic-start.txt" ]; do sleep 0.2; done
  if [ -s "$W_OUT/traffic-start.txt" ]; then phase_start=$(calc "$(cat "$W_OUT/traffic-start.txt") / 1000"); fi
  [ -n "$phase_start" ] || phase_start=$(now_seconds)
  measure_run "$phase_start" gatling_up
  W_RECV1=$(sim_stat bytes_received)
  # Gatling's own report, built from its simulation.log in a JVM of its own, outside the measurement.
  local run
  run=$(ls "$W_OUT/results" 2>/dev/null | head -n 1)
  if [ -n "$run" ]; then
    # shellcheck disable=SC2086
    "$JAVA" $GATLING_JVM_OPTS $(launcher_opts workspace-traffic) -cp "$GATLING_DIR/target/classes:$(cat "$GATLING_DIR/target/classpath.txt")" \
      io.gatling.app.Gatling --reports-only "$run" --results-folder "$W_OUT/results" >"$W_OUT/report.log" 2>&1 || true
  fi
  [ "$H_RC" = 0 ] || tail -n 20 "$BENCH_WORK/$W_NAME.out" >&2
  row gatling out="$W_OUT"
}

run_scaletest() {
  W_N="$1"; W_NAME="peers-scaletest-$1"
  local err="$BENCH_WORK/$W_NAME.err"
  await_quiet_simulator
  W_RECV0=$(sim_stat bytes_received)
  bench_log "$W_NAME: $W_N streams for ${DURATION}s"
  start_harness "$W_NAME" workspace-traffic --url "$SIM_URL" --token "$SIM_TOKEN" --target-workspaces "0:$W_N" \
    --bytes-per-tick "$BYTES_PER_TICK" --tick-interval "${TICK_MS}ms" --concurrency 0 --timeout "${DURATION}s" \
    --job-timeout 0 --progress json --scaletest-prometheus-address 127.0.0.1:0 --scaletest-prometheus-wait 0s \
    --journal-dir "$BENCH_WORK/journal-$W_NAME" --output "json:$BENCH_WORK/$W_NAME.json"
  local phase_start
  phase_start=$(traffic_phase_start "$err")
  measure_run "$phase_start" "progress_streams $err"
  W_RECV1=$(sim_stat bytes_received)
  [ "$H_RC" = 0 ] || tail -n 5 "$err" >&2
  row scaletest report="$BENCH_WORK/$W_NAME.json"
}

# Alternate which tool goes first, so neither always meets the simulator fresh.
if [ "$SEARCH" != 1 ]; then
  i=0
  for n in $COUNTS; do
    if [ $((i % 2)) = 0 ]; then run_gatling "$n"; run_scaletest "$n"; else run_scaletest "$n"; run_gatling "$n"; fi
    i=$((i + 1))
  done
  exit 0
fi

# Search: both tools at each step while they pass; a tool that fails stops there.
best_gatling=0; best_scaletest=0; going="gatling scaletest"; n=$SEARCH_FROM; i=0
while [ -n "$going" ] && [ "$n" -le "$SEARCH_MAX" ]; do
  order="$going"
  if [ $((i % 2)) = 1 ]; then order=$(echo "$going" | awk '{ for (k = NF; k > 0; k--) printf "%s%s", $k, (k > 1 ? " " : "") }'); fi
  for tool in $order; do
    "run_$tool" "$n"
    verdict=$(cat "$BENCH_WORK/peers-$tool-$n.verdict" 2>/dev/null || echo "fail no verdict")
    if [ "$verdict" = pass ]; then
      eval "best_$tool=$n"
    else
      bench_log "$tool at $n streams: $verdict"
      going=$(echo "$going" | tr ' ' '\n' | { grep -vx "$tool" || true; } | tr '\n' ' ' | sed 's/ *$//')
    fi
  done
  n=$((n + SEARCH_STEP)); i=$((i + 1))
done
cores=$(nproc)
echo
echo "| tool | most streams with ≥99.9% delivered and steady lateness p99 ≤ 50 ms | cores the tool used in that run's steady window | streams per core the tool used | streams per host core ($cores cores, simulator included) |"
echo "|---|---:|---:|---:|---:|"
for tool in gatling scaletest; do
  eval "best=\$best_$tool"
  note=""; case " $going " in *" $tool "*) note=" (passed every step up to BENCH_PEER_SEARCH_MAX)" ;; esac
  used=$(cat "$BENCH_WORK/peers-$tool-$best.cores" 2>/dev/null || echo 0)
  per_used=0; [ "$(calc "($used > 0) ? 1 : 0")" != 0.000000 ] && per_used=$(calc "$best / $used")
  eval "per_used_$tool=$per_used"
  echo "| $tool | $best$note | $(printf '%.2f' "$used") | $(printf '%.0f' "$per_used") | $(calc "$best / $cores" | awk '{ printf "%.0f", $1 }') |"
done
if [ "$(calc "($per_used_gatling > 0) ? 1 : 0")" != 0.000000 ]; then
  echo
  echo "scaletest's streams per core it used, over Gatling's: $(calc "$per_used_scaletest / $per_used_gatling" | awk '{ printf "%.2f", $1 }')×"
fi
