package dev.scaletest.harness;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Durations as Go writes and reads them ({@code time.Duration.String} and {@code time.ParseDuration}),
 * so flags and reports match Coder's tool byte for byte: {@code 0s}, {@code 1.5ms}, {@code 123.456µs},
 * {@code 1h0m0s}, {@code 2m3.5s}.
 */
public final class GoDuration {
    private static final long MICROSECOND = 1_000L;
    private static final long MILLISECOND = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L,
            "us", MICROSECOND,
            "\u00b5s", MICROSECOND,
            "\u03bcs", MICROSECOND,
            "ms", MILLISECOND,
            "s", SECOND,
            "m", 60 * SECOND,
            "h", 3600 * SECOND);

    private GoDuration() {}

    public static String format(Duration duration) {
        long nanos = saturatedNanos(duration);
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        // Long.MIN_VALUE has no positive twin; Go prints it from the unsigned value, and so do we.
        long u = negative ? -nanos : nanos;
        StringBuilder out = new StringBuilder();
        if (Long.compareUnsigned(u, SECOND) < 0) {
            String unit;
            int precision;
            if (u < MICROSECOND) {
                unit = "ns";
                precision = 0;
            } else if (u < MILLISECOND) {
                unit = "\u00b5s";
                precision = 3;
            } else {
                unit = "ms";
                precision = 6;
            }
            long scale = pow10(precision);
            out.append(u / scale).append(fraction(u % scale, precision)).append(unit);
        } else {
            long seconds = Long.divideUnsigned(u, SECOND);
            String frac = fraction(Long.remainderUnsigned(u, SECOND), 9);
            long minutes = seconds / 60;
            long hours = minutes / 60;
            if (hours > 0) {
                out.append(hours).append('h');
            }
            if (minutes > 0) {
                out.append(minutes % 60).append('m');
            }
            out.append(seconds % 60).append(frac).append('s');
        }
        return negative ? "-" + out : out.toString();
    }

    /** Parses Go duration syntax ({@code 300ms}, {@code 1m30s}, {@code -1.5h}, {@code 0}). */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(text);
        }
        String s = text;
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration \"" + text + "\"");
            }
            Long scale = UNITS.get(unit);
            if (scale == null) {
                throw new IllegalArgumentException("time: unknown unit \"" + unit + "\" in duration \"" + text + "\"");
            }
            total = total.add(new BigDecimal(number.endsWith(".") ? number + "0" : number).multiply(BigDecimal.valueOf(scale)));
        }
        if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid(text);
        }
        long nanos = total.longValue();
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }

    private static String fraction(long value, int precision) {
        if (precision == 0 || value == 0) {
            return "";
        }
        String digits = String.format("%0" + precision + "d", value);
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return "." + digits.substring(0, end);
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
