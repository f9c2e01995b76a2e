package dev.scaletest.reports;

import dev.scaletest.harness.Results;
import dev.scaletest.reports.thresholds.ThresholdOutcome;
import java.util.List;
import java.util.SortedMap;

/**
 * A whole report: Coder's results untouched plus everything scaletest adds. {@code traffic} is null
 * when the command moved no traffic; {@code throttling} is {@link Throttling#NONE} when coderd never
 * answered 429.
 */
public record ScaletestReport(
        Results results,
        ReportMetadata metadata,
        SortedMap<String, OperationStats> operations,
        TrafficSummary traffic,
        List<ErrorTally> errors,
        Timeseries timeseries,
        List<ThresholdOutcome> thresholds,
        Verdict verdict,
        long lateStarts,
        Throttling throttling) {

    /** Bumped when a field changes meaning or disappears; additions keep the version. */
    public static final int VERSION = 1;

    public long errorCount() {
        return errors.stream().mapToLong(ErrorTally::count).sum();
    }
}
