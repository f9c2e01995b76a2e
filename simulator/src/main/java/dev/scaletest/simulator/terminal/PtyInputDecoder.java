package dev.scaletest.simulator.terminal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * Decodes the client side of the reconnecting-PTY protocol: a stream of JSON objects
 * {@code {"data":"...","height":N,"width":N}} that may be split or concatenated across frames.
 * Jackson's non-blocking parser keeps the state between frames; frames are copied through one
 * reused array and the data string is handed over as the parser's own character buffer, so a
 * frame costs no allocation of its own.
 */
final class PtyInputDecoder {

    interface Listener {
        /** Keystrokes, UTF-8 encoded; the array is reused after the call returns. */
        void data(byte[] bytes, int length);

        void resize(int height, int width);
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] DATA_PREFIX = "{\"data\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Listener listener;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final byte[] input = new byte[4096];
    private byte[] encoded = new byte[1024];
    private int depth;
    /** No partial token is held by the parser: the input so far ended with a complete top-level object. */
    private boolean betweenObjects = true;
    private String field;
    private int height;
    private int width;

    PtyInputDecoder(Listener listener) {
        this.listener = listener;
        try {
            this.parser = JSON.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the JSON stream parser", e);
        }
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    /** Feeds one frame's payload; throws on malformed input, which ends the stream. */
    void feed(ByteBuf payload) throws IOException {
        if (betweenObjects && plainDataFrame(payload)) {
            return;
        }
        int from = payload.readerIndex();
        int end = payload.writerIndex();
        while (from < end) {
            int chunk = Math.min(input.length, end - from);
            payload.getBytes(from, input, 0, chunk);
            from += chunk;
            feed(chunk);
        }
        betweenObjects = depth == 0 && endsObjectOrBlank(payload, betweenObjects);
    }

    /** True when the last non-blank byte is '}' (or, with none, when it was true before). */
    private static boolean endsObjectOrBlank(ByteBuf payload, boolean before) {
        for (int i = payload.writerIndex() - 1; i >= payload.readerIndex(); i--) {
            byte b = payload.getByte(i);
            if (b != '\n' && b != ' ' && b != '\r' && b != '\t') {
                return b == '}';
            }
        }
        return before;
    }

    /**
     * The frame every client sends for typed text, {@code {"data":"<ASCII text>"}} plus optional
     * whitespace, handled without the parser: printable bytes stand as they are and the short
     * escapes ({@code \n}, {@code \"} and the like) are undone in place. Only taken between
     * top-level objects, where skipping a whole object leaves the parser exactly as it would be
     * after parsing it, and nothing is delivered before the whole frame is known to fit; anything
     * else (Unicode escapes, non-ASCII, other fields, an object split across frames) goes
     * through the parser.
     */
    private boolean plainDataFrame(ByteBuf payload) {
        int start = payload.readerIndex();
        int end = payload.writerIndex();
        int textStart = start + DATA_PREFIX.length;
        if (end - textStart < 2) {
            return false;
        }
        for (int i = 0; i < DATA_PREFIX.length; i++) {
            if (payload.getByte(start + i) != DATA_PREFIX[i]) {
                return false;
            }
        }
        int length = end - textStart;
        if (encoded.length < length) {
            encoded = new byte[Math.max(length, encoded.length * 2)];
        }
        byte[] text = encoded;
        payload.getBytes(textStart, text, 0, length);
        // Decoded text is never longer than its encoding, so it is written over the bytes read.
        int read = 0;
        int written = 0;
        while (true) {
            int special = ByteClasses.firstNotPlainAscii(text, read, length);
            if (written != read) {
                System.arraycopy(text, read, text, written, special - read);
            }
            written += special - read;
            read = special;
            if (read + 1 >= length) {
                return false; // no closing quote and '}' in this frame
            }
            if (text[read] == '"') {
                break;
            }
            int unescaped = text[read] == '\\' ? shortEscape(text[read + 1]) : -1;
            if (unescaped < 0) {
                return false;
            }
            text[written++] = (byte) unescaped;
            read += 2;
        }
        if (text[read + 1] != '}') {
            return false;
        }
        for (int i = read + 2; i < length; i++) {
            byte b = text[i];
            if (b != '\n' && b != ' ' && b != '\r' && b != '\t') {
                return false;
            }
        }
        listener.data(text, written);
        return true;
    }

    /** The byte a two-character JSON escape stands for, or -1 (for a Unicode escape too). */
    private static int shortEscape(byte second) {
        return switch (second) {
            case '"', '\\', '/' -> second;
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'f' -> '\f';
            default -> -1;
        };
    }

    /** The parser consumes all it was given before returning, so the input array can be reused. */
    private void feed(int length) throws IOException {
        feeder.feedInput(input, 0, length);
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.NOT_AVAILABLE && token != null) {
            handle(token);
        }
    }

    private void handle(JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                if (depth++ == 0) {
                    height = 0;
                    width = 0;
                    field = null;
                }
            }
            case END_OBJECT -> {
                if (--depth == 0 && (height != 0 || width != 0)) {
                    listener.resize(height, width);
                }
            }
            case START_ARRAY -> {
                if (depth++ == 0) {
                    throw new IOException("expected a JSON object, got an array");
                }
            }
            case END_ARRAY -> depth--;
            case FIELD_NAME -> {
                if (depth == 1) {
                    field = parser.currentName();
                }
            }
            case VALUE_STRING -> {
                requireInsideObject();
                if (depth == 1 && "data".equals(field)) {
                    deliver(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                }
            }
            case VALUE_NUMBER_INT -> {
                requireInsideObject();
                if (depth == 1 && "height".equals(field)) {
                    height = parser.getIntValue();
                } else if (depth == 1 && "width".equals(field)) {
                    width = parser.getIntValue();
                }
            }
            default -> requireInsideObject();
        }
    }

    private void requireInsideObject() throws IOException {
        if (depth == 0) {
            throw new IOException("expected a JSON object, got a bare " + parser.currentToken());
        }
    }

    private void deliver(char[] chars, int offset, int length) {
        if (encoded.length < length * 3) {
            encoded = new byte[Math.max(length * 3, encoded.length * 2)];
        }
        int n = 0;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            if (c < 0x80) {
                encoded[n++] = (byte) c;
            } else if (c < 0x800) {
                encoded[n++] = (byte) (0xc0 | (c >> 6));
                encoded[n++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                int cp = Character.toCodePoint(c, chars[++i]);
                encoded[n++] = (byte) (0xf0 | (cp >> 18));
                encoded[n++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                encoded[n++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                encoded[n++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                encoded[n++] = '?';
            } else {
                encoded[n++] = (byte) (0xe0 | (c >> 12));
                encoded[n++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                encoded[n++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        listener.data(encoded, n);
    }

    void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // Nothing is held beyond the parser's own buffers.
        }
    }
}
