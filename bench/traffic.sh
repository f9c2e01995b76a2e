#!/usr/bin/env bash
# Traffic benchmark: N paced echo streams at 40 KB/s each (4096 bytes every 100 ms) for D seconds,
# the simulator in one JVM and the harness in another; prints one Markdown table.
#
#   BENCH_COUNTS="1000 5000 10000"   web-terminal stream counts with the Netty client
#   BENCH_OTHER_COUNTS="1000"        stream counts for the java-websocket and ssh rows
#   BENCH_MODES="netty java-websocket ssh"   also ssh-proxy: SSH through --ssh-proxy-command, one
#                                    socat relay process per stream to the simulator's SSH port
#                                    (needs socat); the relays' CPU and RSS are given apart
#   BENCH_DURATION=60                seconds of traffic per row
#   BENCH_WARM_UP=10                 seconds of --warm-up: the row's lateness and echo RTT p99 are
#                                    then those of the steady part (the warm-up ticks are reported
#                                    apart), and the CPU window opens once the warm-up is over
#   BENCH_JFR=1                      record the harness (and simulator) with JFR into BENCH_WORK
#   BENCH_PERF=1                     sample both JVMs with perf over the steady window and split
#                                    their CPU (kernel by system call, Java, JVM threads) into
#                                    BENCH_WORK/traffic-MODE-N.perf-{harness,simulator}.txt
#   BENCH_HARNESS_OPTS / BENCH_SIM_OPTS   extra JVM flags, e.g. -Xmx4g (after those ./scaletest adds;
#                                         BENCH_LAUNCHER_OPTS=0 leaves those out)
#   BENCH_HARNESS_TRANSPORT / BENCH_SIM_TRANSPORT   one JVM's socket layer (epoll, io_uring, nio);
#                                         SCALETEST_NETTY_TRANSPORT sets both
#
# CPU per stream-second is measured over the steady window (every stream open, any warm-up over,
# before the end); heap is read after a forced GC once that window is over.
# BENCH_WORK/traffic-MODE-N.threads.txt splits the window's harness CPU by thread.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

COUNTS="${BENCH_COUNTS:-1000 5000 10000}"
OTHER_COUNTS="${BENCH_OTHER_COUNTS:-1000}"
MODES="${BENCH_MODES:-netty java-websocket ssh}"
DURATION="${BENCH_DURATION:-60}"
BYTES_PER_TICK=4096
TICK=100ms

trap bench_cleanup EXIT
bench_raise_nofile
bench_build

counts_for() {
  if [ "$1" = netty ]; then echo "$COUNTS"; else echo "$OTHER_COUNTS"; fi
}

max=0
for mode in $MODES; do
  for n in $(counts_for "$mode"); do [ "$n" -gt "$max" ] && max=$n; done
done
[ "$max" -gt 0 ] || bench_fail "nothing to run: BENCH_MODES='$MODES', BENCH_COUNTS='$COUNTS'"

# One zero-delay simulator holds every workspace; each row drives a slice of them.
start_simulator --provisioners 64 --build-time 0s --agent-connect-time 0s
create_workspaces_for_traffic "$max"

echo "| mode | streams | s | delivered/target | tick lateness p99 ms | echo RTT p50 / p99 ms | steady window: worst 1 s lateness p99 / echo RTT p99 ms | harness CPU s | µs harness CPU per stream-s | heap after GC per stream | RSS per stream | threads | simulator CPU (µs per stream-s) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"

run_row() {
  local mode="$1" n="$2" name="traffic-$1-$2"
  local flags=(workspace-traffic --url "$SIM_URL" --token "$SIM_TOKEN" --target-workspaces "0:$n"
    --bytes-per-tick "$BYTES_PER_TICK" --tick-interval "$TICK" --concurrency 0 --timeout "${DURATION}s"
    --job-timeout 0 --progress json --scaletest-prometheus-address 127.0.0.1:0 --scaletest-prometheus-wait 0s
    --journal-dir "$BENCH_WORK/journal-$name" --output "json:$BENCH_WORK/$name.json")
  if [ -n "${BENCH_WARM_UP:-}" ]; then flags+=(--warm-up "${BENCH_WARM_UP}s"); fi
  case "$mode" in
    # The standalone simulator logs workspaces in with the session token, which is sent only when asked.
    ssh) flags+=(--ssh --ssh-address "$SIM_SSH" --ssh-insecure-accept-any-host-key --ssh-password-from-token) ;;
    # What `coder ssh --stdio` is on a real deployment: a process per stream piping stdin/stdout to the agent.
    ssh-proxy) command -v socat >/dev/null || bench_fail "ssh-proxy needs socat (apt-get install socat)"
      flags+=(--ssh --ssh-proxy-command "socat - TCP:$SIM_SSH" --ssh-password-from-token) ;;
    netty|java-websocket) flags+=(--ws-client "$mode") ;;
    *) bench_fail "unknown mode '$mode' (netty, java-websocket or ssh)" ;;
  esac
  bench_log "$name: $n streams for ${DURATION}s"
  local started
  started=$(now_seconds)
  start_harness "$name" "${flags[@]}"

  local phase_start up=0
  phase_start=$(traffic_phase_start "$BENCH_WORK/$name.err")
  # Then until every stream is up, or half the traffic time is gone.
  while kill -0 "$H_PID" 2>/dev/null; do
    up=$(progress_streams "$BENCH_WORK/$name.err")
    [ "$up" -ge "$n" ] && break
    if [ "$(calc "($(now_seconds) - $phase_start > $DURATION / 2) ? 1 : 0")" != 0.000000 ]; then break; fi
    sleep 1
  done
  # The warm-up counts from the first tick, which the start gate holds until every stream is up.
  if [ -n "${BENCH_WARM_UP:-}" ]; then
    bench_log "$name: waiting out the ${BENCH_WARM_UP}s warm-up before measuring"
    sleep "$BENCH_WARM_UP"
  fi
  local t0 cpu0 sim0 window relay0
  t0=$(now_seconds); cpu0=$(cpu_seconds "$H_PID"); sim0=$(cpu_seconds "$SIM_PID"); relay0=$(relay_cpu_seconds "$H_PID")
  thread_ticks "$H_PID" >"$BENCH_WORK/$name.threads0"
  # Streams run for D from their own start, which is after the phase start: end the window a few
  # seconds before the earliest possible end.
  window=$(calc "($phase_start + $DURATION - 5 - $t0 < 2) ? 2 : $phase_start + $DURATION - 5 - $t0")
  bench_log "$name: $up streams up; measuring for ${window}s"
  if [ "$BENCH_PERF" = 1 ]; then
    perf_record "$name.perf-harness" "$H_PID" "$window"
    perf_record "$name.perf-simulator" "$SIM_PID" "$window"
  fi
  sleep "$window"
  local t1 cpu1 sim1 rss nthreads heap relay1
  t1=$(now_seconds); cpu1=$(cpu_seconds "$H_PID"); sim1=$(cpu_seconds "$SIM_PID"); relay1=$(relay_cpu_seconds "$H_PID")
  if [ "$mode" = ssh-proxy ]; then
    relay_rows+=("| $n | $(relay_count "$H_PID") | $(calc "1000000 * ($relay1 - $relay0) / ($up * ($t1 - $t0))" | cut -d. -f1) | $(relay_rss_mib "$H_PID") |")
  fi
  rss=$(rss_mib "$H_PID"); nthreads=$(threads "$H_PID")
  thread_ticks "$H_PID" >"$BENCH_WORK/$name.threads1"
  # Which harness threads spent the window's CPU (I/O loops, pacing, JIT, GC...).
  { echo "harness CPU by thread over the ${window}s window:"
    thread_cpu_delta "$BENCH_WORK/$name.threads0" "$BENCH_WORK/$name.threads1"; } >"$BENCH_WORK/$name.threads.txt"
  if [ "$BENCH_PERF" = 1 ]; then
    local ticks; ticks=$(calc "$up * ($t1 - $t0) * 10" | cut -d. -f1)
    perf_summary "$name.perf-harness" "$H_PID" "$ticks"
    perf_summary "$name.perf-simulator" "$SIM_PID" "$ticks"
  fi
  heap=$(heap_after_gc_mib "$H_PID")
  wait_harness
  local report="$BENCH_WORK/$name.json"
  if [ ! -s "$report" ]; then
    tail -n 5 "$BENCH_WORK/$name.err" >&2
    echo "| $mode | $n | $DURATION | no report (exit $H_RC) | | | | $H_CPU | | | | $nthreads | |"
    return
  fi
  python3 - "$report" "$mode" "$n" "$DURATION" "$H_CPU" "$cpu0" "$cpu1" "$t0" "$t1" "$sim0" "$sim1" \
    "$heap" "$rss" "$nthreads" "$up" <<'EOF'
import json, sys
from datetime import datetime
(report, mode, n, duration, h_cpu, cpu0, cpu1, t0, t1, sim0, sim1, heap, rss, nthreads, up) = sys.argv[1:]
r = json.load(open(report))
n = int(n); window = float(t1) - float(t0)
ops = r.get("operations", {})
def op(name, field):
    v = ops.get(name, {}).get(field)
    return "n/a" if v is None else f"{v:.1f}"
# A harness that ended inside the window has no end sample: its window figures are unknown, not 0.
ended_early = int(nthreads) == 0
per_stream_s = lambda cpu: (f"{1e6 * cpu / (int(up) * window):.0f}"
                            if int(up) and window > 0 and not ended_early else "n/a")
h_us = per_stream_s(float(cpu1) - float(cpu0))
s_us = per_stream_s(float(sim1) - float(sim0))
kib_per_stream = lambda mib: "n/a" if ended_early or mib == "nan" else f"{float(mib) * 1024 / n:.1f} KiB"
heap_kib = kib_per_stream(heap)
rss_kib = kib_per_stream(rss)
t = r.get("traffic", {})
delivery = t.get("delivery_ratio")
note = "" if int(up) >= n else f" (only {up} up)"
# Per-interval percentiles of the intervals that lie inside the steady window (after start-up).
started = datetime.fromisoformat(r["metadata"]["started_at"].replace("Z", "+00:00")).timestamp()
ts = r.get("timeseries", {})
step = ts.get("interval_ms", 1000) / 1000
inside = [pt["ops"] for pt in ts.get("points", [])
          if started + pt["t"] / 1000 >= float(t0) and started + pt["t"] / 1000 + step <= float(t1)]
def worst(name):
    vals = [o[name]["p99_ms"] for o in inside if name in o and o[name].get("count", 0) > 0]
    return f"{max(vals):.1f}" if vals else "n/a"
steady = f"{worst('traffic.send_lateness')} / {worst('traffic.echo_rtt')}"
print(f"| {mode} | {n}{note} | {duration} | {100 * delivery:.2f}% | {op('traffic.send_lateness', 'p99_ms')} | "
      f"{op('traffic.echo_rtt', 'p50_ms')} / {op('traffic.echo_rtt', 'p99_ms')} | {steady} | {float(h_cpu):.1f} | {h_us} | "
      f"{heap_kib} | {rss_kib} | {nthreads if not ended_early else 'n/a'} | {s_us} |")
EOF
}

# The harness's child processes (proxy commands and what they started), in one awk over /proc.
relay_pids() {
  local parent="$1"
  ps -e -o pid=,ppid= | awk -v root="$parent" '{ kids[$2] = kids[$2] " " $1 }
    END { n = split(kids[root], q, " "); while (n > 0) { p = q[n--]; print p; m = split(kids[p], c, " "); for (i = 1; i <= m; i++) q[++n] = c[i] } }'
}
relay_cpu_seconds() {
  local pids; pids=$(relay_pids "$1" | sed 's|.*|/proc/&/stat|')
  [ -n "$pids" ] || { echo 0; return; }
  # shellcheck disable=SC2086
  awk -v tck="$CLK_TCK" '{ s += $14 + $15 } END { printf "%.3f", s / tck }' $pids 2>/dev/null || echo 0
}
relay_count() { relay_pids "$1" | wc -l; }
relay_rss_mib() {
  local pids; pids=$(relay_pids "$1" | sed 's|.*|/proc/&/status|')
  [ -n "$pids" ] || { echo 0; return; }
  # shellcheck disable=SC2086
  awk '/^VmRSS:/ { s += $2 } END { printf "%.0f", s / 1024 }' $pids 2>/dev/null || echo 0
}

relay_rows=()
for mode in $MODES; do
  for n in $(counts_for "$mode"); do
    run_row "$mode" "$n"
  done
done
if [ "${#relay_rows[@]}" -gt 0 ]; then
  echo
  echo "Relay processes of the ssh-proxy rows (not in the harness's figures above; RSS counts shared pages once per process):"
  echo
  echo "| streams | processes | relay CPU µs per stream-s | relay RSS MiB total |"
  echo "|---:|---:|---:|---:|"
  printf '%s\n' "${relay_rows[@]}"
fi
