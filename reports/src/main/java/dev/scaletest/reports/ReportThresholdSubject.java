package dev.scaletest.reports;

import dev.scaletest.reports.thresholds.ThresholdSubject;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A finished report's figures, for judging thresholds on it (also after a merge). */
record ReportThresholdSubject(
        Map<String, OperationStats> operations, long totalRuns, long failedRuns, long errorCount,
        TrafficSummary traffic, long lateStarts) implements ThresholdSubject {

    static ReportThresholdSubject of(ScaletestReport report) {
        return new ReportThresholdSubject(report.operations(), report.results().totalRuns(),
                report.results().totalFail(), report.errorCount(), report.traffic(), report.lateStarts());
    }

    @Override
    public Histogram latency(String operation) {
        OperationStats stats = operations.get(operation);
        return stats == null ? null : stats.histogram();
    }

    @Override
    public long streams() {
        return traffic == null ? 0 : traffic.streams();
    }

    @Override
    public long targetBytes() {
        return traffic == null ? 0 : traffic.targetBytes();
    }

    @Override
    public double deliveryRatio() {
        return traffic == null ? 1.0 : traffic.deliveryRatio();
    }
}
