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
