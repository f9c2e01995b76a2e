package dev.scaletest.reports;

import org.HdrHistogram.Histogram;

/**
 * One operation's latencies (histogram in microseconds) and the summary figures reports show, in
 * milliseconds with microsecond resolution.
 */
public record OperationStats(String name, Histogram histogram) {

    public long count() {
        return histogram.getTotalCount();
    }

    public double minMs() {
        return count() == 0 ? 0 : ms(histogram.getMinValue());
    }

    public double maxMs() {
        return count() == 0 ? 0 : ms(histogram.getMaxValue());
    }

    public double meanMs() {
        return count() == 0 ? 0 : Math.round(histogram.getMean()) / 1000.0;
    }

    /** The value at {@code percentile} (0..100), in milliseconds; 0 without samples. */
    public double percentileMs(double percentile) {
        return count() == 0 ? 0 : ms(histogram.getValueAtPercentile(percentile));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
