package dev.scaletest.reports;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Escapes what Go's encoding/json escapes by default ({@code < > &} and U+2028/U+2029), so Coder's
 * part of a report stays byte-identical and no string can close an HTML {@code <script>} block.
 */
final class GoJsonEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] escapes;

    GoJsonEscapes() {
        escapes = standardAsciiEscapesForJSON();
        escapes['<'] = ESCAPE_CUSTOM;
        escapes['>'] = ESCAPE_CUSTOM;
        escapes['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return switch (ch) {
            case '<' -> new SerializedString("\\u003c");
            case '>' -> new SerializedString("\\u003e");
            case '&' -> new SerializedString("\\u0026");
            case 0x2028 -> new SerializedString("\\u2028");
            case 0x2029 -> new SerializedString("\\u2029");
            default -> null;
        };
    }
}
