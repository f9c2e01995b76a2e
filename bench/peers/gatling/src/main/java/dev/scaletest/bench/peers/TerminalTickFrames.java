package dev.scaletest.bench.peers;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The bytes of one tick as scaletest's web-terminal traffic sends them: a line of
 * {@code #<10-digit sequence>:} then random printable filler then {@code \n}, cut into chunks of at
 * most 1024 bytes, each sent as one binary WebSocket frame holding {@code {"data":"<chunk>"}\n}
 * (the reconnecting-PTY input object, escaped as Go's encoding/json escapes). Only the marker at
 * the start of the first chunk changes from tick to tick, so every other frame is built once.
 */
final class TerminalTickFrames {

    /** What coderd's client puts into one input object at most. */
    static final int MAX_CHUNK_BYTES = 1024;
    static final int SEQUENCE_DIGITS = 10;
    /** {@code #}, the digits, {@code :}. */
    static final int MARKER_LENGTH = SEQUENCE_DIGITS + 2;
    /** No {@code #} (it starts a marker), nothing JSON or a terminal would change. */
    private static final byte[] FILLER_ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!$%'()*+,-./:;=?@[]^_{|}"
                    .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PREFIX = "{\"data\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "\"}\n".getBytes(StandardCharsets.US_ASCII);

    private final byte[] firstFrame;
    private final byte[][] frames;
    private final int length;

    TerminalTickFrames(int bytesPerTick) {
        if (bytesPerTick < MARKER_LENGTH + 1) {
            throw new IllegalArgumentException("bytes per tick must be at least " + (MARKER_LENGTH + 1) + ", got " + bytesPerTick);
        }
        this.length = bytesPerTick;
        SecureRandom random = new SecureRandom();
        byte[] line = new byte[bytesPerTick];
        for (int i = 0; i < line.length; i++) {
            line[i] = FILLER_ALPHABET[random.nextInt(FILLER_ALPHABET.length)];
        }
        line[line.length - 1] = '\n';
        int chunks = (bytesPerTick + MAX_CHUNK_BYTES - 1) / MAX_CHUNK_BYTES;
        frames = new byte[chunks][];
        for (int c = 0; c < chunks; c++) {
            int from = c * MAX_CHUNK_BYTES;
            frames[c] = inputObject(line, from, Math.min(MAX_CHUNK_BYTES, bytesPerTick - from));
        }
        firstFrame = frames[0];
    }

    /** Bytes of the line one tick sends (the payload the simulator counts as received). */
    int length() {
        return length;
    }

    int frameCount() {
        return frames.length;
    }

    /** Frame {@code index} of tick {@code sequence}: a fresh array for the first (it carries the marker), shared for the rest. */
    byte[] frame(int index, long sequence) {
        if (index > 0) {
            return frames[index];
        }
        byte[] frame = firstFrame.clone();
        int at = PREFIX.length;
        frame[at] = '#';
        long s = sequence;
        for (int i = SEQUENCE_DIGITS; i >= 1; i--) {
            frame[at + i] = (byte) ('0' + (s % 10));
            s /= 10;
        }
        frame[at + SEQUENCE_DIGITS + 1] = ':';
        return frame;
    }

    /** The input object scaletest sends to end the stream: Ctrl-C. */
    static byte[] interrupt() {
        return inputObject(new byte[] {0x03}, 0, 1);
    }

    /** {@code {"data":"..."}\n} with the bytes escaped as Go's encoding/json escapes ASCII. */
    static byte[] inputObject(byte[] src, int offset, int count) {
        StringBuilder text = new StringBuilder(count + 16);
        for (int i = offset; i < offset + count; i++) {
            int b = src[i] & 0xff;
            if (b >= 0x80) {
                throw new IllegalArgumentException("only ASCII input is sent");
            }
            switch (b) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '\b' -> text.append("\\b");
                case '\f' -> text.append("\\f");
                default -> {
                    if (b < 0x20 || b == '<' || b == '>' || b == '&') {
                        text.append(String.format("\\u%04x", b));
                    } else {
                        text.append((char) b);
                    }
                }
            }
        }
        byte[] body = text.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[PREFIX.length + body.length + SUFFIX.length];
        System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
        System.arraycopy(body, 0, out, PREFIX.length, body.length);
        System.arraycopy(SUFFIX, 0, out, PREFIX.length + body.length, SUFFIX.length);
        return out;
    }
}
