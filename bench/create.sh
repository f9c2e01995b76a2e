#!/usr/bin/env bash
# Create benchmark: `create-workspaces --count N --concurrency 0 --cleanup-concurrency 0` (create,
# then clean up) against a zero-delay simulator in its own JVM; prints one Markdown table.
#
#   BENCH_CREATE_COUNT=1000   workspaces per run
#   BENCH_JFR=1               record both JVMs with JFR into BENCH_WORK
#   BENCH_LAUNCHER_OPTS=0     leave out the JVM options ./scaletest adds (.mvn/jvm-options.sh)
#
# The harness CPU is the whole JVM's (start-up and JIT included). A second run with --count 1 gives
# the fixed cost, so the table also shows the marginal CPU per workspace.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

COUNT="${BENCH_CREATE_COUNT:-1000}"
bench_log "harness JVM options: $(launcher_opts create-workspaces)$BENCH_HARNESS_OPTS"

trap bench_cleanup EXIT
bench_raise_nofile
bench_build

run_create() {
  local n="$1" name="create-$1"
  start_simulator --provisioners 64 --build-time 0s --agent-connect-time 0s
  local sim0 t0 t1
  sim0=$(cpu_seconds "$SIM_PID")
  t0=$(now_seconds)
  start_harness "$name" create-workspaces --url "$SIM_URL" --token "$SIM_TOKEN" --template kubernetes \
    --count "$n" --concurrency 0 --cleanup-concurrency 0 --timeout 30m --job-timeout 10m --progress none \
    --journal-dir "$BENCH_WORK/journal-$name" --output "json:$BENCH_WORK/$name.json"
  wait_harness
  t1=$(now_seconds)
  SIM_CPU=$(calc "$(cpu_seconds "$SIM_PID") - $sim0")
  # HTTP requests the simulator served (WebSocket upgrades included), set-up calls of the harness too.
  SIM_REQUESTS=$(curl -fsS "$SIM_URL/sim/stats" | python3 -c 'import json, sys; print(json.load(sys.stdin)["requests_served"])' || echo nan)
  stop_simulator
  [ "$H_RC" = 0 ] || { tail -n 20 "$BENCH_WORK/$name.err" >&2; bench_fail "$name failed (exit $H_RC)"; }
  WALL=$(calc "$t1 - $t0")
}

bench_log "create-workspaces --count 1 (fixed cost of one JVM run)"
run_create 1
base_cpu=$H_CPU; base_wall=$WALL; base_requests=$SIM_REQUESTS
bench_log "create-workspaces --count $COUNT"
run_create "$COUNT"

echo "| workspaces | wall s (JVM start to exit) | harness CPU s | harness CPU ms per workspace | marginal ms per workspace (minus --count 1 run) | simulator CPU s | HTTP requests per workspace |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
awk -v n="$COUNT" -v wall="$WALL" -v cpu="$H_CPU" -v bcpu="$base_cpu" -v bwall="$base_wall" -v sim="$SIM_CPU" \
    -v req="$SIM_REQUESTS" -v breq="$base_requests" 'BEGIN {
  printf "| %d | %.1f | %.1f | %.2f | %.2f | %.1f | %.1f |\n", n, wall, cpu, 1000 * cpu / n, 1000 * (cpu - bcpu) / (n - 1), sim, (req - breq) / (n - 1)
  printf "| 1 | %.1f | %.1f | | | | %d |\n", bwall, bcpu, breq
}'
