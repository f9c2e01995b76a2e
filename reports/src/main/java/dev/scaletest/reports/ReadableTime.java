package dev.scaletest.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Durations and times as people read them, for the HTML page and the text summary: {@code 340 ms},
 * {@code 5.1 s}, {@code 2 min 3 s}, {@code 1 h 5 min}, and {@code 2026-12-06 09:30:31 UTC}. Coder's own
 * fields ({@code elapsed}, {@code Total duration:}) keep Go's format; this is never used for them.
 */
public final class ReadableTime {
    private static final DateTimeFormatter UTC_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private ReadableTime() {}

    /** Under a second in whole milliseconds, under a minute to a tenth of a second, then h/min/s. */
    public static String duration(Duration d) {
        if (d.isNegative()) {
            return "-" + duration(d.negated());
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            long millis = BigDecimal.valueOf(d.toNanos()).movePointLeft(6).setScale(0, RoundingMode.HALF_UP).longValue();
            if (millis < 1000) {
                return millis + " ms";
            }
        }
        BigDecimal tenths = BigDecimal.valueOf(d.toNanos()).movePointLeft(9).setScale(1, RoundingMode.HALF_UP);
        if (tenths.compareTo(BigDecimal.valueOf(60)) < 0) {
            return tenths.toPlainString() + " s";
        }
        long seconds = BigDecimal.valueOf(d.toNanos()).movePointLeft(9).setScale(0, RoundingMode.HALF_UP).longValue();
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        StringBuilder out = new StringBuilder();
        if (hours > 0) {
            out.append(hours).append(" h");
        }
        if (minutes > 0) {
            out.append(out.isEmpty() ? "" : " ").append(minutes).append(" min");
        }
        if (rest > 0) {
            out.append(out.isEmpty() ? "" : " ").append(rest).append(" s");
        }
        return out.toString();
    }

    /** In UTC, to the second: {@code 2026-12-06 09:30:31 UTC}. */
    public static String instant(Instant t) {
        return UTC_SECONDS.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
