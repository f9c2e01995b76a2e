#!/usr/bin/env bash
# Memory over time: N web-terminal streams (Netty) for a long run; heap after a forced GC, RSS and
# threads of the harness once every stream is up and again shortly before the end. A heap that
# grows between the two is a leak (or history kept per tick); a flat one is what a soak needs.
#
#   BENCH_MEMORY_STREAMS=1000   streams
#   BENCH_MEMORY_DURATION=600   seconds of traffic
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

N="${BENCH_MEMORY_STREAMS:-1000}"
DURATION="${BENCH_MEMORY_DURATION:-600}"

trap bench_cleanup EXIT
bench_raise_nofile
bench_build
start_simulator --provisioners 64 --build-time 0s --agent-connect-time 0s
create_workspaces_for_traffic "$N"

name="memory-$N"
started=$(now_seconds)
start_harness "$name" workspace-traffic --url "$SIM_URL" --token "$SIM_TOKEN" --target-workspaces "0:$N" \
  --bytes-per-tick 4096 --tick-interval 100ms --concurrency 0 --timeout "${DURATION}s" --job-timeout 0 \
  --progress json --scaletest-prometheus-address 127.0.0.1:0 --scaletest-prometheus-wait 0s \
  --journal-dir "$BENCH_WORK/journal-$name" --output "json:$BENCH_WORK/$name.json"
bench_log "$name: $N streams for ${DURATION}s"
phase_start=$(traffic_phase_start "$BENCH_WORK/$name.err")
while kill -0 "$H_PID" 2>/dev/null && [ "$(progress_streams "$BENCH_WORK/$name.err")" -lt "$N" ]; do
  sleep 1
done
t_start=$(calc "$(now_seconds) - $started")
heap0=$(heap_after_gc_mib "$H_PID"); rss0=$(rss_mib "$H_PID"); threads0=$(threads "$H_PID")
# Read the end figures a few seconds before the earliest possible end of the traffic.
sleep "$(calc "($phase_start + $DURATION - 5 - $(now_seconds) < 1) ? 1 : $phase_start + $DURATION - 5 - $(now_seconds)")"
t_end=$(calc "$(now_seconds) - $started")
heap1=$(heap_after_gc_mib "$H_PID"); rss1=$(rss_mib "$H_PID"); threads1=$(threads "$H_PID")
wait_harness
delivery=$(grep -o '"delivery_ratio" *: *[0-9.eE+-]*' "$BENCH_WORK/$name.json" 2>/dev/null | head -n1 | sed 's/.*: *//')

echo "| streams | s | at s | heap after GC MiB | RSS MiB | threads | heap per stream | delivered/target |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
awk -v n="$N" -v d="$DURATION" -v t="$t_start" -v h="$heap0" -v r="$rss0" -v th="$threads0" \
  'BEGIN { printf "| %d | %d | %.0f (start) | %.1f | %d | %d | %.1f KiB | |\n", n, d, t, h, r, th, 1024 * h / n }'
awk -v n="$N" -v d="$DURATION" -v t="$t_end" -v h="$heap1" -v r="$rss1" -v th="$threads1" -v del="${delivery:-nan}" \
  'BEGIN { printf "| %d | %d | %.0f (end) | %.1f | %d | %d | %.1f KiB | %.2f%% |\n", n, d, t, h, r, th, 1024 * h / n, 100 * del }'
