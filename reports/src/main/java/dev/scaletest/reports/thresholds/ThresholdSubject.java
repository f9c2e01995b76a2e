package dev.scaletest.reports.thresholds;

import org.HdrHistogram.Histogram;

/** The figures thresholds are judged on: a finished (possibly merged) report or a live snapshot. */
public interface ThresholdSubject {

    /** The operation's latency histogram in microseconds, or null if it has none. */
    Histogram latency(String operation);

    long totalRuns();

    long failedRuns();

    /** All counted errors, every class. */
    long errorCount();

    long streams();

    /** Planned traffic bytes; 0 when the command moved no traffic. */
    long targetBytes();

    /** min(bytes written, bytes read) / planned bytes. */
    double deliveryRatio();

    long lateStarts();
}
