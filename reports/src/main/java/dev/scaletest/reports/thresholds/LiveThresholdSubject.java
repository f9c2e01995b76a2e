package dev.scaletest.reports.thresholds;

import dev.scaletest.metrics.MetricsSnapshot;
import dev.scaletest.reports.MetricNames;
import org.HdrHistogram.Histogram;

/** A run in progress: the latest metrics snapshot plus the run and error counts so far. */
public record LiveThresholdSubject(MetricsSnapshot snapshot, long totalRuns, long failedRuns, long errorCount)
        implements ThresholdSubject {

    @Override
    public Histogram latency(String operation) {
        return snapshot.latencies().get(operation);
    }

    @Override
    public long streams() {
        return counter(MetricNames.TRAFFIC_STREAMS);
    }

    @Override
    public long targetBytes() {
        return counter(MetricNames.TRAFFIC_BYTES_TARGET);
    }

    @Override
    public double deliveryRatio() {
        long target = targetBytes();
        return target <= 0 ? 1.0 : (double) Math.min(counter(MetricNames.TRAFFIC_BYTES_WRITTEN),
                counter(MetricNames.TRAFFIC_BYTES_READ)) / target;
    }

    @Override
    public long lateStarts() {
        return counter(MetricNames.LATE_STARTS);
    }

    private long counter(String name) {
        return snapshot.counters().getOrDefault(name, 0L);
    }
}
