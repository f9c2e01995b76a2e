package dev.scaletest.harness;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts planned by the clock: start {@code i} is due at a fixed offset from the phase start, no
 * matter how long earlier jobs take. With a ramp-up the rate grows linearly from 0 to
 * {@code perSecond} over {@code rampUp}, then stays there.
 *
 * <p>Owns the rate's grammar ({@link #parsePerSecond}) and the rule that a rate is above 0.
 */
public record ArrivalRate(double perSecond, Duration rampUp) {
    /** A plain decimal number, then a unit: {@code 50}, {@code 12.5/s}, {@code 600/m}, {@code 1800/h}. */
    private static final Pattern GRAMMAR = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(?:/([smh]))?");

    public ArrivalRate {
        if (!usable(perSecond)) {
            throw new IllegalArgumentException("arrival rate must be greater than 0 and finite, got " + perSecond);
        }
        if (rampUp == null) {
            rampUp = Duration.ZERO;
        }
        if (rampUp.isNegative()) {
            throw new IllegalArgumentException("ramp-up must not be negative, got " + GoDuration.format(rampUp));
        }
    }

    /**
     * Starts per second from {@code N/s}, {@code N/m}, {@code N/h} or a bare {@code N} (per second).
     *
     * @throws IllegalArgumentException in one line that quotes the text, for the caller to put
     *                                  after the flag's name
     */
    public static double parsePerSecond(String text) {
        Matcher m = GRAMMAR.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a rate: write N/s (e.g. 50/s), N/m, N/h or a bare N per second");
        }
        double perSecond = Double.parseDouble(m.group(1)) / unitSeconds(m.group(2));
        if (!usable(perSecond)) {
            throw new IllegalArgumentException("'" + text + "' must be a rate greater than 0");
        }
        return perSecond;
    }

    private static int unitSeconds(String unit) {
        return switch (unit == null ? "s" : unit) {
            case "m" -> 60;
            case "h" -> 3600;
            default -> 1;
        };
    }

    /** Above 0 and finite: the rule every rate meets. */
    private static boolean usable(double perSecond) {
        return perSecond > 0 && !Double.isInfinite(perSecond);
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
