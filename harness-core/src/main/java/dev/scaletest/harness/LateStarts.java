package dev.scaletest.harness;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * How well an arrival-rate phase kept its schedule. {@code latenessMicros} holds, for every start
 * that happened, how long after its planned instant it began (µs); {@code late} counts those beyond
 * {@code tolerance}, which happens when the concurrency bound held a start back. Late starts are
 * reported, never silently moved: later starts keep their own planned instants.
 */
public record LateStarts(long planned, long started, long late, Duration tolerance, Histogram latenessMicros) {

    public Duration maxLateness() {
        return Duration.ofNanos(latenessMicros.getTotalCount() == 0 ? 0 : latenessMicros.getMaxValue() * 1_000);
    }

    /** {@code 3 of 100 starts late (>10ms), max 1.2s}. */
    public String describe() {
        return late + " of " + started + " starts late (>" + GoDuration.format(tolerance) + "), max "
                + GoDuration.format(maxLateness());
    }
}
