package dev.scaletest.simulator.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keystrokes and resizes come out the same whether a frame takes the plain fast path or the parser. */
class PtyInputDecoderTest {

    private final ByteArrayOutputStream keys = new ByteArrayOutputStream();
    private final List<String> resizes = new ArrayList<>();
    private final PtyInputDecoder decoder = new PtyInputDecoder(new PtyInputDecoder.Listener() {
        @Override
        public void data(byte[] bytes, int length) {
            keys.write(bytes, 0, length);
        }

        @Override
        public void resize(int height, int width) {
            resizes.add(height + "x" + width);
        }
    });

    private void feed(String... frames) throws IOException {
        for (String frame : frames) {
            decoder.feed(Unpooled.wrappedBuffer(frame.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private String typed() {
        return keys.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainFramesDeliverTheirText() throws IOException {
        feed("{\"data\":\"#0000000001:abc XYZ!$%'()*+,-./:;=?@[]^_{|}\"}\n", "{\"data\":\"def\"}", "{\"data\":\"\"}\n");
        assertEquals("#0000000001:abc XYZ!$%'()*+,-./:;=?@[]^_{|}def", typed());
    }

    @Test
    void escapesAndNonAsciiAreDecodedByTheParser() throws IOException {
        feed("{\"data\":\"a\\nb\\u003c\\\"\"}\n", "{\"data\":\"é\\u2028\"}\n");
        assertEquals("a\nb<\"é\u2028", typed());
    }

    @Test
    void shortEscapesInsideOneFrameDecodeAsTheParserWould() throws IOException {
        feed("{\"data\":\"say \\\"hi\\\" now\\n\"}\n", "{\"data\":\"\\r\\t\\b\\f\\/\\\\\"}", "{\"data\":\"x\\\"}");
        assertEquals("say \"hi\" now\n\r\t\b\f/\\", typed());
        // that frame ended inside its string (an escaped quote, no closing one): the parser goes on
        feed("\"}\n");
        assertEquals("say \"hi\" now\n\r\t\b\f/\\x\"}", typed());
    }

    @Test
    void objectsSplitAcrossFramesAreNotMistakenForPlainFrames() throws IOException {
        feed("{\"data\":\"ab", "c\"}\n{", "\"data\":\"x\"}", "{\"data\":\"y\"}\n");
        assertEquals("abcxy", typed());
        feed("{\"data\":\"1\"}{\"da", "ta\":\"2\"}", "{\"data\":\"3\"}");
        assertEquals("abcxy123", typed());
    }

    @Test
    void resizesAndOtherFieldsStillWork() throws IOException {
        feed("{\"height\":40,\"width\":120}\n", "{\"data\":\"q\",\"height\":10,\"width\":20}\n", "{\"data\":\"r\"}\n");
        assertEquals(List.of("40x120", "10x20"), resizes);
        assertEquals("qr", typed());
    }

    @Test
    void malformedInputStillFails() {
        assertThrows(IOException.class, () -> feed("{\"data\":\"a\"}x"));
        PtyInputDecoder other = new PtyInputDecoder(new PtyInputDecoder.Listener() {
            @Override
            public void data(byte[] bytes, int length) {}

            @Override
            public void resize(int height, int width) {}
        });
        assertThrows(IOException.class, () -> other.feed(Unpooled.wrappedBuffer("[1]".getBytes(StandardCharsets.UTF_8))));
    }
}
