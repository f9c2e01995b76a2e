package dev.scaletest.simulator.wire;

import java.time.Duration;

/**
 * Durations as Go's {@code time.Duration.String} renders them ({@code 1m0s}, {@code 1h0m0s},
 * {@code 1.5s}, {@code 250ms}): coderd formats its rate-limit message with {@code %v}.
 */
public final class GoDuration {
    private static final long SECOND = 1_000_000_000L;

    private GoDuration() {
    }

    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        if (nanos < 0) {
            out.append('-');
            nanos = -nanos;
        }
        if (nanos < 1_000) {
            return out.append(nanos).append("ns").toString();
        }
        if (nanos < 1_000_000) {
            return appendFraction(out, nanos, 3).append("µs").toString();
        }
        if (nanos < SECOND) {
            return appendFraction(out, nanos, 6).append("ms").toString();
        }
        long seconds = nanos / SECOND;
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return appendFraction(out, seconds % 60 * SECOND + nanos % SECOND, 9).append('s').toString();
    }

    /** {@code value / 10^digits}, then the remainder's digits without trailing zeros after a dot. */
    private static StringBuilder appendFraction(StringBuilder out, long value, int digits) {
        long scale = (long) Math.pow(10, digits);
        out.append(value / scale);
        long fraction = value % scale;
        if (fraction != 0) {
            String padded = String.format("%0" + digits + "d", fraction);
            int end = padded.length();
            while (padded.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(padded, 0, end);
        }
        return out;
    }
}
