package dev.scaletest.reports;

import dev.scaletest.errors.ErrorClass;
import dev.scaletest.harness.Results;
import dev.scaletest.harness.RunResult;
import dev.scaletest.metrics.MetricsSnapshot;
import dev.scaletest.reports.thresholds.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Realistic test data: a create-workspaces plus traffic run with intervals, errors and a failed run. */
final class ReportFixtures {
    static final Instant START = Instant.parse("2026-11-22T04:00:00Z");
    static final long INTERVAL_MS = 5_000;

    /** Latency model per operation: median and spread in microseconds. */
    static final Map<String, long[]> OPS = new LinkedHashMap<>();

    static {
        OPS.put("user.create", new long[] {40_000, 20_000});
        OPS.put("workspace.create", new long[] {120_000, 60_000});
        OPS.put("build.queue", new long[] {800_000, 900_000});
        OPS.put("build.run", new long[] {30_000_000, 15_000_000});
        OPS.put("agent.connect", new long[] {4_000_000, 3_000_000});
        OPS.put("traffic.echo_rtt", new long[] {18_000, 30_000});
        OPS.put("traffic.echo_rtt.uncorrected", new long[] {15_000, 10_000});
    }

    /** One recorded sample: which interval it fell in, operation, microseconds. */
    record Sample(int interval, String op, long micros) {}

    static List<Sample> samples(long seed, int intervals, int perInterval) {
        Random random = new Random(seed);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < intervals; i++) {
            for (Map.Entry<String, long[]> op : OPS.entrySet()) {
                int n = op.getKey().startsWith("traffic") ? perInterval * 20 : perInterval;
                for (int k = 0; k < n; k++) {
                    long[] model = op.getValue();
                    long v = Math.max(1, (long) (model[0] + Math.abs(random.nextGaussian()) * model[1]
                            * (random.nextInt(100) == 0 ? 6 : 1)));
                    out.add(new Sample(i, op.getKey(), v));
                }
            }
        }
        return out;
    }

    static MetricsSnapshot snapshot(Instant start, int intervals, List<Sample> samples, long streams) {
        Map<String, Histogram> totals = new TreeMap<>();
        List<Map<String, Histogram>> perInterval = new ArrayList<>();
        for (int i = 0; i < intervals; i++) {
            perInterval.add(new TreeMap<>());
        }
        for (Sample s : samples) {
            totals.computeIfAbsent(s.op(), k -> histogram()).recordValue(s.micros());
            perInterval.get(s.interval()).computeIfAbsent(s.op(), k -> histogram()).recordValue(s.micros());
        }
        Map<String, Long> counters = new HashMap<>();
        List<MetricsSnapshot.Interval> list = new ArrayList<>();
        long perStreamPerInterval = 40_960L * INTERVAL_MS / 1000;
        for (int i = 0; i < intervals; i++) {
            Instant from = start.plusMillis(i * INTERVAL_MS);
            long written = streams * perStreamPerInterval - (i == 3 ? 20_000 : 0);
            long read = written - (i == 3 ? 5_000 : 0);
            Map<String, Long> delta = new TreeMap<>();
            delta.put(MetricNames.TRAFFIC_BYTES_WRITTEN, written);
            delta.put(MetricNames.TRAFFIC_BYTES_READ, read);
            delta.put(MetricNames.TRAFFIC_BYTES_TARGET, streams * perStreamPerInterval);
            delta.put(MetricNames.WORKSPACES_CREATED, i < 4 ? streams / 4 : 0);
            delta.forEach((k, v) -> counters.merge(k, v, Long::sum));
            Map<String, Long> gauges = new TreeMap<>();
            gauges.put(MetricNames.STREAMS_ACTIVE, Math.min(streams, streams * (i + 1) / 3));
            gauges.put(MetricNames.BUILDS_IN_FLIGHT, (long) Math.max(0, 4 - i));
            list.add(new MetricsSnapshot.Interval(from, from.plusMillis(INTERVAL_MS), perInterval.get(i), delta, gauges));
        }
        counters.put(MetricNames.TRAFFIC_STREAMS, streams);
        counters.put(MetricNames.TRAFFIC_RECONNECTS, 1L);
        counters.put(MetricNames.LATE_STARTS, 2L);
        return new MetricsSnapshot(start, start.plusMillis(intervals * INTERVAL_MS), totals, counters, list);
    }

    static Histogram histogram() {
        Histogram h = new Histogram(3);
        h.setAutoResize(true);
        return h;
    }

    static Results results(Instant start, String testName, int runs, int failed) {
        SortedMap<String, RunResult> map = new TreeMap<>();
        for (int i = 0; i < runs; i++) {
            boolean fails = i < failed;
            String logs = "creating user scaletest-abc" + i + "\ncreating workspace\nwaiting for build\n"
                    + (fails ? "build log: <error> terraform apply failed & exited\n" : "agent connected\n");
            map.put(testName + "/" + i, new RunResult(testName + "/" + i, testName, Integer.toString(i), logs,
                    start.plusMillis(i * 100L).atOffset(ZoneOffset.UTC), Duration.ofMillis(31_000 + i * 250L),
                    fails ? "wait for build: workspace build failed: job failed: terraform apply exited 1" : null));
        }
        return new Results(runs, runs - failed, failed, Duration.ofSeconds(45), map);
    }

    static List<ErrorTally> errors(String testName) {
        ErrorTallies tallies = new ErrorTallies();
        tallies.record(ErrorClass.HTTP_STATUS, testName + "/0", "POST /api/v2/workspaces: status 500 <internal>");
        tallies.record(ErrorClass.HTTP_STATUS, testName + "/4", "POST /api/v2/workspaces: status 502");
        tallies.record(ErrorClass.WS_CLOSE, testName + "/2", "ws close 1006 from wss://coder.example.com/pty");
        tallies.record(ErrorClass.TIMEOUT, testName + "/3", "echo not seen within 30s");
        return tallies.snapshot();
    }

    static ReportMetadata metadata(Instant start, int intervals, ReportMetadata.Shard shard) {
        return metadata(start, intervals, null, shard);
    }

    static ReportMetadata metadata(Instant start, int intervals, String runId, ReportMetadata.Shard shard) {
        return ReportMetadata.of("0.1.0", "scaletest create-workspaces --count 8 --token '****'",
                "https://coder.example.com", start, start.plusMillis(intervals * INTERVAL_MS), runId, shard);
    }

    /**
     * Shard {@code index} of {@code count} of run {@code runId} (null: none), 4 runs of which
     * {@code index % 2} fail, 6 intervals of the given samples, 4 streams; read back through JSON,
     * as the merge command reads files.
     */
    static ScaletestReport shard(String runId, int index, int count, Instant start, List<Sample> samples) {
        ReportMetadata.Shard shard = count == 0 ? null : new ReportMetadata.Shard(index, count, null);
        ScaletestReport report = new ReportBuilder().build(results(start, "workspacebuild", 4, index % 2),
                snapshot(start, 6, samples, 4), metadata(start, 6, runId, shard), errors("workspacebuild"), THRESHOLDS,
                throttling());
        return throughJson(report);
    }

    static ScaletestReport throughJson(ScaletestReport report) {
        ReportJson json = new ReportJson(new TestResultsCodec());
        try {
            return json.read(new java.io.ByteArrayInputStream(
                    json.toJson(report).getBytes(java.nio.charset.StandardCharsets.UTF_8)), "report");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final List<Threshold> THRESHOLDS = List.of(
            Threshold.parse("build.run:p95<120s"),
            Threshold.parse("traffic.echo_rtt:p99<250ms"),
            Threshold.parse("errors<1%"),
            Threshold.parse("delivery>99%"),
            Threshold.parse("user.create:count>=1"));

    /** Four 429s on two routes, about four minutes waited. */
    static Throttling throttling() {
        ThrottleTallies tallies = new ThrottleTallies();
        for (int i = 0; i < 3; i++) {
            tallies.response("POST /users/login");
            tallies.waited("POST /users/login", Duration.ofMillis(60_000 + i * 1_250));
        }
        tallies.response("GET /workspacebuilds/{workspacebuild}");
        tallies.waited("GET /workspacebuilds/{workspacebuild}", Duration.ofNanos(60_400_400_000L));
        return tallies.snapshot();
    }

    /** A full single report with 8 runs (one failed), 12 intervals, 8 streams and some throttling. */
    static ScaletestReport report() {
        int intervals = 12;
        return new ReportBuilder().build(results(START, "workspacebuild", 8, 1),
                snapshot(START, intervals, samples(42, intervals, 3), 8),
                metadata(START, intervals, null), errors("workspacebuild"), THRESHOLDS, throttling());
    }

    private ReportFixtures() {}
}
