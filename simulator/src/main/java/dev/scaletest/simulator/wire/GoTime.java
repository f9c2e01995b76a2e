package dev.scaletest.simulator.wire;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as Go renders them: RFC3339Nano in JSON (UTC, nanoseconds with trailing zeros
 * trimmed), and {@code time.Time.String} in coderd's messages.
 */
public final class GoTime {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SPACED_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private GoTime() {
    }

    public static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        return fraction(new StringBuilder(SECONDS.format(instant)), instant.getNano()).append('Z').toString();
    }

    /**
     * Go's {@code time.Time.String} of a UTC time read back from PostgreSQL (microseconds):
     * {@code 2026-01-02 10:00:00.123456 +0000 UTC}, as coderd prints an API key's expiry.
     */
    public static String string(Instant instant) {
        int micros = instant.getNano() / 1_000 * 1_000;
        return fraction(new StringBuilder(SPACED_SECONDS.format(instant)), micros).append(" +0000 UTC").toString();
    }

    private static StringBuilder fraction(StringBuilder out, int nanos) {
        if (nanos != 0) {
            String digits = String.format("%09d", nanos);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(digits, 0, end);
        }
        return out;
    }
}
