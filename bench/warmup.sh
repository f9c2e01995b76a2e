#!/usr/bin/env bash
# Warm-up A/B: N web-terminal streams (4096 B every 100 ms) for D seconds with --warm-up W, run
# twice against one simulator: once as users run it, once with an AOT cache (JDK 25 and later:
# -XX:AOTCache) made by a training run of the same command (-XX:AOTCacheOutput). For each run the
# report's time series gives tick send lateness p99 per second from the first tick; the table shows
# them, the first second from which every later second stays at or under 50 ms (until 3 s before the
# end, when the streams close), and echo RTT p99 of
# the warm-up part and of the steady part (what thresholds and the headline see).
#
#   BENCH_WARMUP_STREAMS=1000  streams
#   BENCH_DURATION=40          seconds of traffic per run
#   BENCH_WARMUP=10s           --warm-up of each run
#   BENCH_TRAINING=20          seconds of traffic of the training run
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

N="${BENCH_WARMUP_STREAMS:-1000}"
DURATION="${BENCH_DURATION:-40}"
WARMUP="${BENCH_WARMUP:-10s}"
TRAINING="${BENCH_TRAINING:-20}"
LATENESS_GOAL_MS=50

trap bench_cleanup EXIT
bench_raise_nofile
bench_build
feature=$(scaletest_jdk_feature_version)
[ -n "$feature" ] && [ "$feature" -ge 25 ] || bench_fail "the AOT cache row needs a JDK 25 or newer (found ${feature:-none} at $JAVA_HOME)"

start_simulator --provisioners 64 --build-time 0s --agent-connect-time 0s
create_workspaces_for_traffic "$N"

traffic() {
  local name="$1" seconds="$2"
  start_harness "$name" workspace-traffic --url "$SIM_URL" --token "$SIM_TOKEN" --target-workspaces "0:$N" \
    --bytes-per-tick 4096 --tick-interval 100ms --concurrency 0 --timeout "${seconds}s" --job-timeout 0 \
    --warm-up "$WARMUP" --progress none --scaletest-prometheus-address 127.0.0.1:0 --scaletest-prometheus-wait 0s \
    --journal-dir "$BENCH_WORK/journal-$name" --output "json:$BENCH_WORK/$name.json"
  local started; started=$(now_seconds)
  wait_harness
  [ "$H_RC" = 0 ] || { tail -n 20 "$BENCH_WORK/$name.err" >&2; bench_fail "$name exited $H_RC"; }
  bench_log "$name: $(calc "$(now_seconds) - $started") s wall, $H_CPU s CPU"
}

# One table row from a report (see warmup_row.py).
row() {
  python3 "$BENCH_DIR/warmup_row.py" "$1" "$2" "$LATENESS_GOAL_MS" "$DURATION" "$H_CPU"
}

aot="$BENCH_WORK/scaletest.aot"
bench_log "training run ($TRAINING s) writing $aot"
BENCH_HARNESS_OPTS_SAVED="$BENCH_HARNESS_OPTS"
BENCH_HARNESS_OPTS="$BENCH_HARNESS_OPTS_SAVED -XX:AOTCacheOutput=$aot"
traffic "warmup-training" "$TRAINING"
[ -s "$aot" ] || bench_fail "the training run wrote no AOT cache ($aot); see $BENCH_WORK/warmup-training.err"
aot_mib=$(du -m "$aot" | cut -f1)

echo "Host: $(machine_summary); $N streams for ${DURATION}s, --warm-up $WARMUP; AOT cache ${aot_mib} MiB from a ${TRAINING} s training run"
echo
echo "| run | send lateness p99 per second from the first tick, ms (first 15 s) | every later second ≤ ${LATENESS_GOAL_MS} ms from | echo p99 warm-up ms | echo p99 steady ms | delivered | harness CPU s |"
echo "|---|---|---:|---:|---:|---:|---:|"
BENCH_HARNESS_OPTS="$BENCH_HARNESS_OPTS_SAVED"
traffic "warmup-plain" "$DURATION"
row "as users run it" "$BENCH_WORK/warmup-plain.json"
BENCH_HARNESS_OPTS="$BENCH_HARNESS_OPTS_SAVED -XX:AOTCache=$aot"
traffic "warmup-aot" "$DURATION"
row "with the AOT cache" "$BENCH_WORK/warmup-aot.json"
