package dev.scaletest.harness;

import java.time.Duration;

/**
 * Starts planned by the clock: start {@code i} is due at a fixed offset from the phase start, no
 * matter how long earlier jobs take. With a ramp-up the rate grows linearly from 0 to
 * {@code perSecond} over {@code rampUp}, then stays there.
 */
public record ArrivalRate(double perSecond, Duration rampUp) {

    public ArrivalRate {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("arrival rate must be positive, got " + perSecond);
        }
        if (rampUp == null) {
            rampUp = Duration.ZERO;
        }
        if (rampUp.isNegative()) {
            throw new IllegalArgumentException("ramp-up must not be negative, got " + GoDuration.format(rampUp));
        }
    }

    public static ArrivalRate constant(double perSecond) {
        return new ArrivalRate(perSecond, Duration.ZERO);
    }

    /** Offset of start {@code index} (zero-based) from the phase start, in nanoseconds. */
    public long plannedOffsetNanos(long index) {
        double rampSeconds = rampUp.toNanos() / 1e9;
        // Starts during the ramp: the cumulative count is r*t^2/(2T), so start i is due at sqrt(2iT/r).
        double rampStarts = perSecond * rampSeconds / 2;
        double seconds;
        if (index < rampStarts) {
            seconds = Math.sqrt(2 * index * rampSeconds / perSecond);
        } else {
            seconds = rampSeconds + (index - rampStarts) / perSecond;
        }
        return Math.round(seconds * 1e9);
    }

    /** {@code 20/s}, or {@code 20/s over 1m0s} with a ramp-up. */
    public String describe() {
        String rate = formatRate(perSecond) + "/s";
        return rampUp.isZero() ? rate : rate + " over " + GoDuration.format(rampUp);
    }

    private static String formatRate(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
