package dev.scaletest.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reused and patched encodings must be byte for byte what a fresh encoding writes. */
class PtyInputFramesTest {

    /** The frames PtyInputEncoder writes for the payload, concatenated, with their ends. */
    private static byte[] fresh(byte[] payload, int[] endsOut) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int c = 0;
        for (int from = 0; from < payload.length; from += PtyInputEncoder.MAX_CHUNK_BYTES) {
            int size = Math.min(PtyInputEncoder.MAX_CHUNK_BYTES, payload.length - from);
            ByteBuf frame = PtyInputEncoder.dataFrame(UnpooledByteBufAllocator.DEFAULT, payload, from, size);
            all.writeBytes(ByteBufUtil.getBytes(frame));
            frame.release();
            endsOut[c++] = all.size();
        }
        return all.toByteArray();
    }

    private static void assertSameAsFresh(PtyInputFrames frames, byte[] payload) {
        frames.encode(payload, 0, payload.length);
        int[] ends = new int[8];
        byte[] expected = fresh(payload, ends);
        int count = (payload.length + 1023) / 1024;
        assertEquals(count, frames.count());
        assertArrayEquals(Arrays.copyOf(ends, count), Arrays.copyOf(frames.ends(), count));
        assertArrayEquals(expected, Arrays.copyOf(frames.bytes(), frames.ends()[count - 1]));
    }

    private static byte[] printable(Random random, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) ('a' + random.nextInt(26));
        }
        b[length - 1] = '\n';
        return b;
    }

    @Test
    void tickMarkersArePatchedInPlace() {
        PtyInputFrames frames = new PtyInputFrames();
        byte[] payload = printable(new Random(1), 4096);
        for (long k = 0; k < 50; k++) {
            dev.scaletest.traffic.TickPayload.mark(payload, k * 7919);
            assertSameAsFresh(frames, payload);
        }
    }

    @Test
    void escapesBeforeOrInsideTheChangeAreEncodedAgain() {
        PtyInputFrames frames = new PtyInputFrames();
        byte[] payload = printable(new Random(2), 3000);
        assertSameAsFresh(frames, payload);
        payload[5] = '"';
        assertSameAsFresh(frames, payload);
        payload[7] = 'x';
        assertSameAsFresh(frames, payload);
        payload[5] = 'q';
        assertSameAsFresh(frames, payload);
        payload[1500] = (byte) 0xe2; // cut-off UTF-8 lead byte: U+FFFD escape
        assertSameAsFresh(frames, payload);
        payload[1500] = 'z';
        payload[2100] = '<';
        payload[2200] = '>';
        assertSameAsFresh(frames, payload);
    }

    @Test
    void longChangesAndNewLengthsAreEncodedInFull() {
        PtyInputFrames frames = new PtyInputFrames();
        Random random = new Random(3);
        assertSameAsFresh(frames, printable(random, 4096));
        byte[] other = printable(random, 4096);
        assertSameAsFresh(frames, other);
        assertSameAsFresh(frames, printable(random, 10));
        assertSameAsFresh(frames, printable(random, 1024));
        assertSameAsFresh(frames, printable(random, 1025));
    }

    @Test
    void randomEditsAlwaysMatchAFreshEncoding() {
        PtyInputFrames frames = new PtyInputFrames();
        Random random = new Random(4);
        byte[] payload = printable(random, 2500);
        byte[] alphabet = "ab\"\\<>&\n\t\u0001".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int round = 0; round < 500; round++) {
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                payload[random.nextInt(payload.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            assertSameAsFresh(frames, payload);
        }
    }
}
