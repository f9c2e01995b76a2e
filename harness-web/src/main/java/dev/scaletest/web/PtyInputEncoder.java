package dev.scaletest.web;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Writes reconnecting-PTY input objects exactly as Coder's Go client does: one
 * {@code {"data":"<chunk>"}} plus newline per frame, the chunk escaped like Go's
 * {@code encoding/json} (HTML-safe: {@code < > &} become the escapes of U+003C, U+003E, U+0026;
 * invalid UTF-8 becomes the escape of U+FFFD; U+2028/U+2029 are escaped). Encodes straight from the caller's bytes into
 * one exactly-sized array, with no intermediate strings ({@link PtyInputFrames} reuses it across sends).
 */
public final class PtyInputEncoder {

    /** Coder's client never puts more than this many payload bytes into one frame. */
    public static final int MAX_CHUNK_BYTES = 1024;

    private static final byte[] PREFIX = {'{', '"', 'd', 'a', 't', 'a', '"', ':', '"'};
    private static final byte[] SUFFIX = {'"', '}', '\n'};
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    /** Encoded length of each ASCII byte: 1 plain, 2 short escape, 6 for a backslash-u escape. */
    private static final byte[] ASCII_LENGTH = new byte[128];
    /** The letter of a short escape ({@code \n} → 'n'), or 0. */
    private static final byte[] SHORT_ESCAPE = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_LENGTH[c] = (byte) (c < 0x20 || c == '<' || c == '>' || c == '&' ? 6 : 1);
        }
        short_(('"'), '"');
        short_('\\', '\\');
        short_('\b', 'b');
        short_('\f', 'f');
        short_('\n', 'n');
        short_('\r', 'r');
        short_('\t', 't');
    }

    private static void short_(int c, char letter) {
        ASCII_LENGTH[c] = 2;
        SHORT_ESCAPE[c] = (byte) letter;
    }

    private PtyInputEncoder() {}

    /** Length of {@code {"data":"} before the escaped chunk. */
    static final int PREFIX_LENGTH = PREFIX.length;

    /** One frame {@code {"data":"..."}\n} for {@code length ≤ 1024} payload bytes. */
    public static ByteBuf dataFrame(ByteBufAllocator alloc, byte[] src, int offset, int length) {
        byte[] frame = new byte[frameLength(src, offset, length)];
        writeFrame(frame, 0, src, offset, length);
        return alloc.buffer(frame.length, frame.length).writeBytes(frame);
    }

    /** Encoded size of the frame for {@code length ≤ 1024} payload bytes. */
    static int frameLength(byte[] src, int offset, int length) {
        if (length > MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("chunk of " + length + " bytes exceeds " + MAX_CHUNK_BYTES);
        }
        return PREFIX.length + escapedLength(src, offset, length) + SUFFIX.length;
    }

    /** Writes the frame into {@code out} at {@code at} (room for {@link #frameLength}); returns its end. */
    static int writeFrame(byte[] out, int at, byte[] src, int offset, int length) {
        System.arraycopy(PREFIX, 0, out, at, PREFIX.length);
        int end = writeEscaped(out, at + PREFIX.length, src, offset, length);
        System.arraycopy(SUFFIX, 0, out, end, SUFFIX.length);
        return end + SUFFIX.length;
    }

    /** How many leading bytes of {@code src[offset, offset+length)} are written as they are. */
    static int plainPrefix(byte[] src, int offset, int length) {
        int i = 0;
        while (i < length) {
            int b = src[offset + i] & 0xff;
            if (b >= 0x80 || ASCII_LENGTH[b] != 1) {
                return i;
            }
            i++;
        }
        return length;
    }

    /** True when every byte is ASCII written as it is (no escape). */
    static boolean allPlain(byte[] src, int offset, int length) {
        return plainPrefix(src, offset, length) == length;
    }

    /** A resize request {@code {"height":h,"width":w}\n} (field order of Coder's request struct). */
    public static ByteBuf resizeFrame(ByteBufAllocator alloc, int width, int height) {
        byte[] text = ("{\"height\":" + height + ",\"width\":" + width + "}\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return alloc.buffer(text.length, text.length).writeBytes(text);
    }

    static int escapedLength(byte[] src, int offset, int length) {
        int size = 0;
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int b = src[i] & 0xff;
            if (b < 0x80) {
                size += ASCII_LENGTH[b];
                i++;
                continue;
            }
            int width = validUtf8Width(src, i, end);
            if (width == 0) {
                size += 6; // escape of U+FFFD
                i++;
            } else {
                size += isLineOrParagraphSeparator(src, i, width) ? 6 : width;
                i += width;
            }
        }
        return size;
    }

    /** Returns where the escaped bytes end in {@code out}. */
    private static int writeEscaped(byte[] out, int at, byte[] src, int offset, int length) {
        int end = offset + length;
        int i = offset;
        int run = offset; // start of bytes that are copied as they are, flushed in bulk
        while (i < end) {
            int b = src[i] & 0xff;
            if (b < 0x80) {
                int encoded = ASCII_LENGTH[b];
                if (encoded == 1) {
                    i++;
                    continue;
                }
                at = copy(out, at, src, run, i - run);
                if (encoded == 2) {
                    out[at++] = '\\';
                    out[at++] = SHORT_ESCAPE[b];
                } else {
                    at = writeUnicodeEscape(out, at, b);
                }
                run = ++i;
                continue;
            }
            int width = validUtf8Width(src, i, end);
            if (width != 0 && !isLineOrParagraphSeparator(src, i, width)) {
                i += width;
                continue;
            }
            at = copy(out, at, src, run, i - run);
            if (width == 0) {
                at = writeUnicodeEscape(out, at, 0xfffd);
                i++;
            } else {
                at = writeUnicodeEscape(out, at, (src[i + 2] & 0xff) == 0xa8 ? 0x2028 : 0x2029);
                i += width;
            }
            run = i;
        }
        return copy(out, at, src, run, end - run);
    }

    private static int copy(byte[] out, int at, byte[] src, int from, int length) {
        System.arraycopy(src, from, out, at, length);
        return at + length;
    }

    private static int writeUnicodeEscape(byte[] out, int at, int codeUnit) {
        out[at] = '\\';
        out[at + 1] = 'u';
        out[at + 2] = HEX[(codeUnit >> 12) & 0xf];
        out[at + 3] = HEX[(codeUnit >> 8) & 0xf];
        out[at + 4] = HEX[(codeUnit >> 4) & 0xf];
        out[at + 5] = HEX[codeUnit & 0xf];
        return at + 6;
    }

    private static boolean isLineOrParagraphSeparator(byte[] src, int i, int width) {
        // U+2028 = E2 80 A8, U+2029 = E2 80 A9
        return width == 3 && (src[i] & 0xff) == 0xe2 && (src[i + 1] & 0xff) == 0x80
                && ((src[i + 2] & 0xff) == 0xa8 || (src[i + 2] & 0xff) == 0xa9);
    }

    /**
     * Width of the valid UTF-8 sequence starting at {@code i} (a non-ASCII lead byte), or 0 when
     * invalid or cut off by the chunk end — the same rules as Go's {@code utf8.DecodeRune}.
     */
    static int validUtf8Width(byte[] src, int i, int end) {
        int b0 = src[i] & 0xff;
        int width;
        int lo = 0x80;
        int hi = 0xbf;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            width = 2;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            width = 3;
            if (b0 == 0xe0) {
                lo = 0xa0;
            } else if (b0 == 0xed) {
                hi = 0x9f;
            }
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            width = 4;
            if (b0 == 0xf0) {
                lo = 0x90;
            } else if (b0 == 0xf4) {
                hi = 0x8f;
            }
        } else {
            return 0;
        }
        if (i + width > end) {
            return 0;
        }
        int b1 = src[i + 1] & 0xff;
        if (b1 < lo || b1 > hi) {
            return 0;
        }
        for (int k = 2; k < width; k++) {
            int b = src[i + k] & 0xff;
            if (b < 0x80 || b > 0xbf) {
                return 0;
            }
        }
        return width;
    }
}
