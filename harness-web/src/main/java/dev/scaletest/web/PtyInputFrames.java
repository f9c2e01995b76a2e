package dev.scaletest.web;

import java.util.Arrays;

/**
 * The {@code {"data":"..."}\n} objects of one terminal's input, kept from one send to the next.
 * Traffic sends the same line over and over with only a short marker changed, so a chunk equal to
 * the one before reuses its encoding, and a chunk that differs only in a short stretch of plain
 * characters is patched in place; anything else is encoded again in full. The result is always
 * byte for byte what {@link PtyInputEncoder} writes. Not thread-safe: one sender at a time.
 */
final class PtyInputFrames {

    /** A changed stretch longer than this is encoded again rather than searched for. */
    private static final int[] PATCH_SPANS = {16, 64};

    private byte[] source = new byte[0];
    private int sourceLength;
    private byte[] encoded = new byte[0];
    /** End offset in {@link #encoded} of each chunk's object. */
    private int[] ends = new int[0];
    /** Per chunk: how many leading payload bytes are written as they are (no escape before them). */
    private int[] plainPrefix = new int[0];
    private int count;

    /** Encodes {@code payload[offset, offset+length)}; read the result with {@link #bytes}, {@link #ends}, {@link #count}. */
    void encode(byte[] payload, int offset, int length) {
        int chunks = (length + PtyInputEncoder.MAX_CHUNK_BYTES - 1) / PtyInputEncoder.MAX_CHUNK_BYTES;
        if (length != sourceLength || !patchInPlace(payload, offset, length, chunks)) {
            encodeAll(payload, offset, length, chunks);
        }
    }

    byte[] bytes() {
        return encoded;
    }

    int[] ends() {
        return ends;
    }

    int count() {
        return count;
    }

    private boolean patchInPlace(byte[] payload, int offset, int length, int chunks) {
        int max = PtyInputEncoder.MAX_CHUNK_BYTES;
        for (int c = 0; c < chunks; c++) {
            int from = c * max;
            int size = Math.min(max, length - from);
            int first = Arrays.mismatch(payload, offset + from, offset + from + size, source, from, from + size);
            if (first < 0) {
                continue;
            }
            int end = changedEnd(payload, offset + from, source, from, size, first);
            if (end < 0 || end > plainPrefix[c] || !PtyInputEncoder.allPlain(payload, offset + from + first, end - first)) {
                return false;
            }
            // Bytes before plainPrefix are copied as they are, so their place in the object is fixed.
            int at = (c == 0 ? 0 : ends[c - 1]) + PtyInputEncoder.PREFIX_LENGTH + first;
            System.arraycopy(payload, offset + from + first, encoded, at, end - first);
            System.arraycopy(payload, offset + from + first, source, from + first, end - first);
        }
        return true;
    }

    /** Smallest tried end such that everything after it is unchanged, or -1. */
    private static int changedEnd(byte[] payload, int p, byte[] old, int o, int size, int first) {
        for (int span : PATCH_SPANS) {
            int end = Math.min(size, first + span);
            if (Arrays.equals(payload, p + end, p + size, old, o + end, o + size)) {
                return end;
            }
        }
        return -1;
    }

    private void encodeAll(byte[] payload, int offset, int length, int chunks) {
        int max = PtyInputEncoder.MAX_CHUNK_BYTES;
        if (source.length < length) {
            source = new byte[length];
        }
        System.arraycopy(payload, offset, source, 0, length);
        sourceLength = length;
        if (ends.length < chunks) {
            ends = new int[chunks];
            plainPrefix = new int[chunks];
        }
        int total = 0;
        for (int c = 0; c < chunks; c++) {
            int size = Math.min(max, length - c * max);
            total += PtyInputEncoder.frameLength(payload, offset + c * max, size);
        }
        if (encoded.length < total) {
            encoded = new byte[total];
        }
        int at = 0;
        for (int c = 0; c < chunks; c++) {
            int from = offset + c * max;
            int size = Math.min(max, length - c * max);
            plainPrefix[c] = PtyInputEncoder.plainPrefix(payload, from, size);
            at = PtyInputEncoder.writeFrame(encoded, at, payload, from, size);
            ends[c] = at;
        }
        count = chunks;
    }
}
