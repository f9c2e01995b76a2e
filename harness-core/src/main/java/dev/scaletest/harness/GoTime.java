package dev.scaletest.harness;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as Go's {@code time.RFC3339Nano} writes them: fraction of the second with trailing
 * zeros removed (none at all on a whole second), {@code Z} for a zero offset, else {@code +hh:mm}.
 */
public final class GoTime {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private GoTime() {}

    public static String formatRfc3339Nano(OffsetDateTime time) {
        StringBuilder out = new StringBuilder(SECONDS.format(time));
        int nanos = time.getNano();
        if (nanos != 0) {
            String digits = String.format("%09d", nanos);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(digits, 0, end);
        }
        ZoneOffset offset = time.getOffset();
        out.append(offset.getTotalSeconds() == 0 ? "Z" : offset.getId());
        return out.toString();
    }

    public static OffsetDateTime parseRfc3339(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
