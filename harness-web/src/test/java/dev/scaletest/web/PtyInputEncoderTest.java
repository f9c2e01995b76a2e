package dev.scaletest.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Byte-exact comparison with what Go's encoding/json produces for the same input. */
class PtyInputEncoderTest {

    private static String frame(byte[] bytes) {
        ByteBuf buf = PtyInputEncoder.dataFrame(UnpooledByteBufAllocator.DEFAULT, bytes, 0, bytes.length);
        try {
            assertEquals(buf.capacity(), buf.readableBytes(), "buffer sized exactly");
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    private static String frame(String text) {
        return frame(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void htmlCharactersQuotesBackslashAndShortControlEscapes() {
        assertEquals("{\"data\":\"\\u003cb\\u003e \\u0026 \\\" \\\\ \\t \\n \\r \\b \\f\"}\n",
                frame("<b> & \" \\ \t \n \r \b \f"));
    }

    @Test
    void otherControlCharactersUseLowercaseHexEscapesAndDelStaysRaw() {
        assertEquals("{\"data\":\"\\u0003\\u001b[A\\u0000\u007f\"}\n", frame("\u0003\u001b[A\u0000\u007f"));
    }

    @Test
    void validUtf8PassesThroughButLineAndParagraphSeparatorsAreEscaped() {
        assertEquals("{\"data\":\"caf\u00e9 \u20ac \ud83d\ude00 \\u2028\\u2029\"}\n", frame("caf\u00e9 \u20ac \ud83d\ude00 \u2028\u2029"));
    }

    @Test
    void invalidUtf8BecomesReplacementEscapesOnePerBadByte() {
        byte[] bad = {'a', (byte) 0xff, (byte) 0xc3, 'b', (byte) 0xed, (byte) 0xa0, (byte) 0x80, (byte) 0xe2, (byte) 0x82};
        // 0xff invalid; 0xc3 without continuation; ED A0 80 is a surrogate (3 bad bytes); E2 82 cut off at the end.
        assertEquals("{\"data\":\"a\\ufffd\\ufffdb\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"}\n", frame(bad));
    }

    @Test
    void randomValidTextRoundTripsThroughAJsonParser() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.Random random = new java.util.Random(20261122);
        int[] pool = {'\t', '\n', 0x01, 0x1f, '"', '\\', '<', '>', '&', 'a', 'Z', ' ', 0x7f, 0xe9, 0x20ac, 0x2028, 0x1f600};
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            int codePoints = random.nextInt(300);
            for (int i = 0; i < codePoints; i++) {
                text.appendCodePoint(pool[random.nextInt(pool.length)]);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > PtyInputEncoder.MAX_CHUNK_BYTES) {
                continue;
            }
            String encoded = frame(bytes);
            assertEquals(text.toString(), json.readTree(encoded).get("data").asText(), encoded);
        }
    }

    @Test
    void resizeMessageUsesCodersFieldOrder() {
        ByteBuf buf = PtyInputEncoder.resizeFrame(UnpooledByteBufAllocator.DEFAULT, 120, 40);
        assertEquals("{\"height\":40,\"width\":120}\n", buf.toString(StandardCharsets.US_ASCII));
        buf.release();
    }

    @Test
    void refusesChunksAboveTheLimit() {
        byte[] big = new byte[1025];
        assertThrows(IllegalArgumentException.class,
                () -> PtyInputEncoder.dataFrame(UnpooledByteBufAllocator.DEFAULT, big, 0, big.length));
    }
}
