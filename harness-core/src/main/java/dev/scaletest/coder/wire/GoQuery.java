package dev.scaletest.coder.wire;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A query string encoded the way Go's {@code url.Values.Encode} does: keys sorted, spaces as
 * {@code +}, everything but {@code A-Za-z0-9-_.~} percent-encoded. Coder's server does not care,
 * but matching byte for byte keeps request logs and simulators comparable with the Go tool.
 */
public final class GoQuery {
    private final TreeMap<String, String> values = new TreeMap<>();

    public GoQuery set(String key, String value) {
        values.put(key, value);
        return this;
    }

    /** Sets {@code key} only for a positive number (Coder's pagination omits zero values). */
    public GoQuery setPositive(String key, long value) {
        if (value > 0) {
            values.put(key, Long.toString(value));
        }
        return this;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public String encode() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(escape(e.getKey(), true)).append('=').append(escape(e.getValue(), true));
        }
        return sb.toString();
    }

    /** Go's {@code url.QueryEscape} ({@code spaceAsPlus}) or {@code url.PathEscape}-like escaping. */
    static String escape(String s, boolean spaceAsPlus) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ' && spaceAsPlus) {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** One path segment, percent-encoded (a space becomes {@code %20}). */
    public static String pathSegment(String s) {
        return escape(s, false);
    }

    /**
     * Go's {@code %q} for the strings scaletest quotes (template names, filter values,
     * content types): double quotes with backslash escapes for quotes, backslashes and controls.
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0x07 -> sb.append("\\a");
                case 0x08 -> sb.append("\\b");
                case 0x0c -> sb.append("\\f");
                case 0x0b -> sb.append("\\v");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        sb.append(String.format("\\x%02x", cp));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }
}
