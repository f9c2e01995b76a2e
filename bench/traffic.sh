#!/usr/bin/env bash
# Traffic benchmark: N streams at 40 KB/s for a while, simulator and harness in separate JVMs.
# Usage: bench/traffic.sh [streams] [duration] [pty|ssh] [netty|java-websocket]
# Prints one Markdown table row.
. "$(dirname "$0")/lib.sh"
STREAMS="${1:-1000}"; DURATION="${2:-60s}"; MODE="${3:-pty}"; CLIENT="${4:-netty}"
trap stop_simulator EXIT
bench_build
start_simulator --build-time 0s --agent-connect-time 0s --provisioners 64

"$ROOT/scaletest" create-workspaces --url "$SIM_URL" --token "$SIM_TOKEN" --template kubernetes \
  --count "$STREAMS" --concurrency 64 --no-cleanup --output json:"$WORK/create.json" --progress none >/dev/null

flags=(--bytes-per-tick 4096 --tick-interval 100ms --concurrency 0 --timeout "$DURATION" --job-timeout 0
       --scaletest-prometheus-address 127.0.0.1:0 --scaletest-prometheus-wait 0s --progress none
       --output json:"$WORK/traffic.json")
[ "$MODE" = ssh ] && flags+=(--ssh --ssh-address "$SIM_SSH" --ssh-insecure-accept-any-host-key)
[ "$MODE" = pty ] && flags+=(--ws-client "$CLIENT")

sim_cpu0=$(cpu_seconds "$SIM_PID")
SCALETEST_JAVA_OPTS="${HARNESS_JAVA_OPTS:--Xmx4g}" "$ROOT/scaletest" workspace-traffic --url "$SIM_URL" --token "$SIM_TOKEN" "${flags[@]}" >/dev/null 2>"$WORK/traffic.err" &
H_PID=$!
# Sample the harness near the end of the traffic phase, when every stream is up.
secs=$(python3 -c "import sys; s=sys.argv[1]; print(int(float(s[:-1]) * (60 if s.endswith('m') else 1)))" "$DURATION")
sleep $((secs * 3 / 4 + 5))
h_rss=$(rss_mib "$H_PID"); h_threads=$(threads "$H_PID"); h_heap=$(heap_after_gc_mib "$H_PID")
wait "$H_PID" || true
h_cpu=$(awk -v p="$H_PID" 'BEGIN{print 0}')  # process gone; use the report's own CPU figure
sim_cpu=$(python3 -c "print(round($(cpu_seconds "$SIM_PID") - $sim_cpu0, 1))")

r="$WORK/traffic.json"
json_field "$r" "'| %s | %s | %s | %.2f%% | %.1f | %.2f | %.2f | %.1f | %.0f | %.1f | %s | %s | %s | %.1f |' % (
  '$MODE/$CLIENT', $STREAMS, '$DURATION',
  100 * r['traffic']['delivery_ratio'],
  r['operations'].get('traffic.send_lateness', {}).get('p99_ms', float('nan')),
  r['operations']['traffic.echo_rtt']['p50_ms'], r['operations']['traffic.echo_rtt']['p99_ms'],
  r['metadata'].get('process_cpu_seconds', float('nan')),
  1e6 * r['metadata'].get('process_cpu_seconds', float('nan')) / ($STREAMS * $secs),
  1024 * $h_heap / $STREAMS, '$h_rss MiB', '$h_threads', '$h_heap MiB', $sim_cpu)"
