#!/usr/bin/env bash
# Faults benchmark: `create-workspaces --count N --no-cleanup` against a simulator that answers 5% of
# API calls with a 5xx, 2% with 429 (Retry-After 1s), fails 2% of builds, slows logins and freezes
# for 2 s; once with the 5xx before the route runs, once after it (--fault-5xx-after-action: the
# user or workspace exists, the answer is a 500). Each run's report is checked against what the
# simulator holds (passes = workspaces built with agents connected, no name twice, one workspace
# per user), then `cleanup --journal` under the same faults must leave nothing. Prints one Markdown
# table. CreateWorkspacesUnderFaultsE2ETest is the same check at a small count.
#
#   BENCH_FAULTS_COUNT=1000   runs per mode
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

COUNT="${BENCH_FAULTS_COUNT:-1000}"
trap bench_cleanup EXIT
bench_raise_nofile
bench_build

# Prints one table row for a mode: "before" or "after".
run_mode() {
  local mode="$1" extra=() name="faults-$1"
  [ "$mode" = after ] && extra=(--fault-5xx-after-action)
  start_simulator --provisioners 64 --fault-5xx-rate 0.05 --fault-429-rate 0.02 --fault-retry-after 1s \
    --fault-build-failure-rate 0.02 --fault-latency 'POST /users/login=300ms' --fault-stall-at 20s --fault-stall-for 2s \
    "${extra[@]}"
  local t0 t1
  t0=$(now_seconds)
  start_harness "$name" create-workspaces --url "$SIM_URL" --token "$SIM_TOKEN" --template kubernetes \
    --count "$COUNT" --concurrency 100 --no-cleanup --timeout 30m --job-timeout 10m --progress none \
    --journal-dir "$BENCH_WORK/journal-$name" --output "json:$BENCH_WORK/$name.json"
  wait_harness
  t1=$(now_seconds)
  [ "$H_RC" = 0 ] || [ "$H_RC" = 1 ] || { tail -n 20 "$BENCH_WORK/$name.err" >&2; bench_fail "$name exited $H_RC"; }
  local row
  row=$(python3 "$BENCH_DIR/faults_check.py" "$SIM_URL" "$SIM_TOKEN" "$BENCH_WORK/$name.json" "$mode" "$(calc "$t1 - $t0")")
  start_harness "$name-cleanup" cleanup --url "$SIM_URL" --token "$SIM_TOKEN" --journal "$BENCH_WORK/journal-$name" \
    --progress none --cleanup-concurrency 100
  wait_harness
  local left
  left=$(curl -fsS "$SIM_URL/sim/stats" | python3 -c 'import json, sys; s = json.load(sys.stdin); print(s["scaletest_users"] + s["workspaces_alive"])')
  stop_simulator
  echo "$row $H_RC | $left |"
}

echo "| 5xx | runs | passed | ready in simulator | failed (by class) | users / workspaces held | names twice | 429s | retries | creates found existing | wall s | cleanup --journal exit | left after cleanup |"
echo "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
bench_log "faults, 5xx before the action, --count $COUNT"
run_mode before
bench_log "faults, 5xx after the action, --count $COUNT"
run_mode after
