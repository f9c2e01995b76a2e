#!/usr/bin/env bash
# Soak: N web-terminal streams (Netty) for a long run, the harness sampled once a minute: heap after
# a forced GC, RSS, open file descriptors, threads, and the delivery of the last progress interval.
# A soak passes when none of them trends upwards: the script fits a line through the samples after
# the first sample (warm-up) and prints each figure's slope per sample and its change over the run.
#
#   BENCH_SOAK_STREAMS=1000   streams
#   BENCH_SOAK_DURATION=1800  seconds of traffic
#   BENCH_SOAK_EVERY=60       seconds between samples
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

N="${BENCH_SOAK_STREAMS:-1000}"
DURATION="${BENCH_SOAK_DURATION:-1800}"
EVERY="${BENCH_SOAK_EVERY:-60}"

open_fds() {
  find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l
}

# Whether one more sample interval still ends 10 s before the earliest end of the traffic.
room_for_a_sample() {
  awk -v now="$(now_seconds)" -v up="$1" -v every="$EVERY" -v d="$DURATION" 'BEGIN { exit !(now - up + every < d - 10) }'
}

# delivery_percent of the newest traffic line of a `--progress json` stderr file.
last_delivery() {
  { grep -o '"type":"traffic".*"delivery_percent":[0-9.]*' "$1" 2>/dev/null || true; } | tail -n 1 |
    sed 's/.*"delivery_percent"://'
}

trap bench_cleanup EXIT
bench_raise_nofile
bench_build
start_simulator --provisioners 64 --build-time 0s --agent-connect-time 0s
create_workspaces_for_traffic "$N"

name="soak-$N"
samples="$BENCH_WORK/$name.samples"
start_harness "$name" workspace-traffic --url "$SIM_URL" --token "$SIM_TOKEN" --target-workspaces "0:$N" \
  --bytes-per-tick 4096 --tick-interval 100ms --concurrency 0 --timeout "${DURATION}s" --job-timeout 0 \
  --progress json --scaletest-prometheus-address 127.0.0.1:0 --scaletest-prometheus-wait 0s \
  --journal-dir "$BENCH_WORK/journal-$name" --output "json:$BENCH_WORK/$name.json"
bench_log "$name: $N streams for ${DURATION}s, a sample every ${EVERY}s"
while kill -0 "$H_PID" 2>/dev/null && [ "$(progress_streams "$BENCH_WORK/$name.err")" -lt "$N" ]; do
  sleep 1
done
up=$(now_seconds)
: > "$samples"
sample=0
# The last sample comes well before the earliest possible end of the traffic.
while kill -0 "$H_PID" 2>/dev/null && room_for_a_sample "$up"; do
  printf '%d %s %s %s %s %s\n' "$sample" "$(heap_after_gc_mib "$H_PID")" "$(rss_mib "$H_PID")" \
    "$(open_fds "$H_PID")" "$(threads "$H_PID")" "$(last_delivery "$BENCH_WORK/$name.err")" >> "$samples"
  bench_log "sample $(tail -n 1 "$samples")"
  sample=$((sample + 1))
  sleep "$EVERY"
done
wait_harness
delivery=$(grep -o '"delivery_ratio" *: *[0-9.eE+-]*' "$BENCH_WORK/$name.json" 2>/dev/null | head -n1 | sed 's/.*: *//')

echo "| sample (every ${EVERY} s) | heap after GC MiB | RSS MiB | open fds | threads | delivery of the last interval |"
echo "|---:|---:|---:|---:|---:|---:|"
awk '{ printf "| %d | %.1f | %d | %d | %d | %s%% |\n", $1, $2, $3, $4, $5, $6 }' "$samples"
echo
echo "Trend after the first sample (least-squares slope per sample of ${EVERY} s; change = slope × samples):"
awk '
  $1 >= 1 { n++; x = $1; sx += x; sxx += x * x
            for (i = 2; i <= 5; i++) { sy[i] += $i; sxy[i] += x * $i; if (n == 1) first[i] = $i; last[i] = $i } }
  END {
    split("heap_MiB rss_MiB fds threads", label, " ")
    if (n < 2) { print "too few samples for a trend"; exit }
    d = n * sxx - sx * sx
    for (i = 2; i <= 5; i++) {
      slope = (n * sxy[i] - sx * sy[i]) / d
      printf "  %-9s first %8.1f  last %8.1f  slope %+8.3f  over %d samples %+8.1f\n", label[i - 1], first[i], last[i], slope, n - 1, slope * (n - 1)
    }
  }' "$samples"
echo "Whole-run delivery (report): ${delivery:-nan}"
