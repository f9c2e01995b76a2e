package dev.scaletest.reports;

import dev.scaletest.harness.Results;
import dev.scaletest.metrics.MetricsSnapshot;
import dev.scaletest.reports.thresholds.Threshold;
import dev.scaletest.reports.thresholds.ThresholdEvaluator;
import dev.scaletest.reports.thresholds.ThresholdOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Assembles a report from what a command collected, judging its thresholds on the way. */
public final class ReportBuilder {
    private static final List<String> TRAFFIC_COUNTERS = List.of(
            MetricNames.TRAFFIC_BYTES_WRITTEN, MetricNames.TRAFFIC_BYTES_READ, MetricNames.TRAFFIC_BYTES_TARGET,
            MetricNames.TRAFFIC_STREAMS);

    private final ThresholdEvaluator evaluator = new ThresholdEvaluator();

    /** A report of a command that met no rate limit. */
    public ScaletestReport build(Results results, MetricsSnapshot metrics, ReportMetadata metadata,
            List<ErrorTally> errors, List<Threshold> thresholds) {
        return build(results, metrics, metadata, errors, thresholds, Throttling.NONE);
    }

    /**
     * @param metrics null for a command that measures nothing (then metadata must carry start and end)
     * @param metadata its start and end default to the snapshot's when null
     * @param errors tallies by class (see {@link ErrorTallies})
     * @param throttling coderd's 429s and the time waited on them (see {@link ThrottleTallies})
     */
    public ScaletestReport build(Results results, MetricsSnapshot metrics, ReportMetadata metadata,
            List<ErrorTally> errors, List<Threshold> thresholds, Throttling throttling) {
        if (metrics == null) {
            if (metadata.startedAt() == null || metadata.endedAt() == null) {
                throw new IllegalArgumentException("a report without metrics needs started_at and ended_at in its metadata");
            }
            metrics = new MetricsSnapshot(metadata.startedAt(), metadata.endedAt(), Map.of(), Map.of(), List.of());
        }
        Instant start = metadata.startedAt() != null ? metadata.startedAt() : metrics.start();
        Instant end = metadata.endedAt() != null ? metadata.endedAt() : metrics.end();
        ReportMetadata meta = metadata.withTimes(start, end);

        SortedMap<String, OperationStats> operations = new TreeMap<>();
        metrics.latencies().forEach((op, h) -> operations.put(op, new OperationStats(op, h.copy())));

        TrafficSummary traffic = null;
        if (TRAFFIC_COUNTERS.stream().anyMatch(metrics.counters()::containsKey)) {
            traffic = new TrafficSummary(
                    counter(metrics.counters(), MetricNames.TRAFFIC_BYTES_WRITTEN),
                    counter(metrics.counters(), MetricNames.TRAFFIC_BYTES_READ),
                    counter(metrics.counters(), MetricNames.TRAFFIC_BYTES_TARGET),
                    counter(metrics.counters(), MetricNames.TRAFFIC_STREAMS),
                    counter(metrics.counters(), MetricNames.TRAFFIC_RECONNECTS),
                    Duration.between(metrics.start(), metrics.end()));
        }
        long lateStarts = counter(metrics.counters(), MetricNames.LATE_STARTS);
        List<ErrorTally> errorList = List.copyOf(errors);
        long errorCount = errorList.stream().mapToLong(ErrorTally::count).sum();

        List<ThresholdOutcome> outcomes = evaluator.evaluate(thresholds, new ReportThresholdSubject(
                operations, results.totalRuns(), results.totalFail(), errorCount, traffic, lateStarts));
        return new ScaletestReport(results, meta, operations, traffic, errorList, timeseries(metrics, start),
                outcomes, Verdict.of(results.totalFail(), outcomes), lateStarts, throttling);
    }

    /**
     * The snapshot's points, spanning its resolution: the sampling interval, or a multiple once a
     * long run's series was coarsened. Reports carry it so a merge can line shards up (measured
     * intervals jitter by milliseconds, so the first one's length is only the fallback).
     */
    static Timeseries timeseries(MetricsSnapshot metrics, Instant start) {
        List<MetricsSnapshot.Interval> intervals = metrics.intervals();
        if (intervals.isEmpty()) {
            return Timeseries.empty();
        }
        long intervalMs = metrics.resolution() != null ? Math.max(1, metrics.resolution().toMillis())
                : Math.max(1, Duration.between(intervals.get(0).start(), intervals.get(0).end()).toMillis());
        List<Timeseries.Point> points = new ArrayList<>();
        for (MetricsSnapshot.Interval interval : intervals) {
            double seconds = Math.max(1, Duration.between(interval.start(), interval.end()).toMillis()) / 1000.0;
            SortedMap<String, Histogram> latencies = new TreeMap<>();
            interval.latencies().forEach((op, h) -> latencies.put(op, h.copy()));
            SortedMap<String, Double> rates = new TreeMap<>();
            interval.counters().forEach((name, delta) -> rates.put(name, round3(delta / seconds)));
            points.add(new Timeseries.Point(Duration.between(start, interval.start()).toMillis(), latencies, rates,
                    new TreeMap<>(interval.gauges())));
        }
        return new Timeseries(intervalMs, points);
    }

    static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static long counter(Map<String, Long> counters, String name) {
        return counters.getOrDefault(name, 0L);
    }
}
