package dev.scaletest.harness;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * How late each start of an arrival-rate phase began after its planned instant: a histogram in µs,
 * and a count of those beyond {@link #TOLERANCE}. Written by the one thread that hands out starts;
 * read after that thread was joined.
 */
final class LatenessTally {
    static final Duration TOLERANCE = Duration.ofMillis(10);

    private final Histogram micros = new Histogram(1, TimeUnit.HOURS.toMicros(1), 3);
    private long late;

    /** A start that was due at {@code plannedNanoTime} ({@link System#nanoTime()}) begins now. */
    void record(long plannedNanoTime) {
        long lateNanos = Math.max(0, System.nanoTime() - plannedNanoTime);
        micros.recordValue(Math.min(micros.getHighestTrackableValue(), lateNanos / 1_000));
        if (lateNanos > TOLERANCE.toNanos()) {
            late++;
        }
    }

    LateStarts lateStarts(long planned) {
        return new LateStarts(planned, micros.getTotalCount(), late, TOLERANCE, micros);
    }
}
