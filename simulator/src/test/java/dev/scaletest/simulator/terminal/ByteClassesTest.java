package dev.scaletest.simulator.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time scans find exactly the byte a plain byte loop finds. */
class ByteClassesTest {

    private static boolean notPlainAscii(byte b) {
        return b < 0x20 || b == 0x7f || b == '\\' || b == '"';
    }

    private static boolean special(byte b) {
        int c = b & 0xff;
        return (c < 0x20 && c != '\t') || c == 0x7f;
    }

    @Test
    void everyByteValueAtEveryPositionOfAWordAndItsTail() {
        byte[] text = new byte[37];
        Arrays.fill(text, (byte) 'a');
        for (int value = 0; value < 256; value++) {
            for (int at = 0; at < text.length; at++) {
                byte[] bytes = text.clone();
                bytes[at] = (byte) value;
                int plain = notPlainAscii((byte) value) ? at : text.length;
                assertEquals(plain, ByteClasses.firstNotPlainAscii(bytes, 0, bytes.length), "plain, byte " + value + " at " + at);
                int tty = special((byte) value) ? at : text.length;
                assertEquals(tty, ByteClasses.firstSpecial(bytes, 0, bytes.length), "special, byte " + value + " at " + at);
            }
        }
    }

    @Test
    void randomInputsAndRangesAgreeWithTheByteLoop() {
        Random random = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(64)];
            for (int i = 0; i < bytes.length; i++) {
                // Mostly printable, sometimes anything: special bytes land at varied offsets.
                bytes[i] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : (byte) (0x20 + random.nextInt(95));
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);
            int plain = to;
            int tty = to;
            for (int i = to - 1; i >= from; i--) {
                if (notPlainAscii(bytes[i])) {
                    plain = i;
                }
                if (special(bytes[i])) {
                    tty = i;
                }
            }
            assertEquals(plain, ByteClasses.firstNotPlainAscii(bytes, from, to));
            assertEquals(tty, ByteClasses.firstSpecial(bytes, from, to));
        }
    }
}
