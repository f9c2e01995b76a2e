package dev.scaletest.simulator.terminal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte-class scans over terminal input, eight bytes per step (the usual word tricks: a byte below
 * {@code n} or equal to {@code c} sets its top bit in a word expression). Every keystroke of
 * terminal traffic passes through these scans, so they set the simulator's cost per byte.
 */
final class ByteClasses {

    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long TOPS = 0x8080808080808080L;

    private ByteClasses() {}

    /**
     * Index of the first byte in {@code [from, to)} that may not stand as itself inside a JSON
     * string of printable ASCII (a control byte, DEL, a backslash, a quote or any byte of 0x80 and
     * above), or {@code to} when there is none.
     */
    static int firstNotPlainAscii(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long word = (long) WORD.get(bytes, i);
            if (((word & TOPS) | below(word, 0x20) | equal(word, 0x7f) | equal(word, '\\') | equal(word, '"')) != 0) {
                break;
            }
        }
        for (; i < to; i++) {
            int c = bytes[i];
            if (c < 0x20 || c == 0x7f || c == '\\' || c == '"') {
                return i; // (negative for bytes of 0x80 and above)
            }
        }
        return to;
    }

    /**
     * Index of the first byte in {@code [from, to)} a tty treats specially in canonical mode (a
     * control byte other than TAB, or DEL), or {@code to} when there is none; bytes of 0x80 and
     * above are ordinary (UTF-8).
     */
    static int firstSpecial(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long word = (long) WORD.get(bytes, i);
            if ((below(word, 0x20) | equal(word, 0x7f)) != 0) {
                break;
            }
        }
        for (; i < to; i++) {
            int c = bytes[i] & 0xff;
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return i;
            }
        }
        return to;
    }

    /** Non-zero when some byte of {@code word} is below {@code n} (n at most 0x80). */
    private static long below(long word, int n) {
        return (word - ONES * n) & ~word & TOPS;
    }

    /** Non-zero when some byte of {@code word} equals {@code c}. */
    private static long equal(long word, int c) {
        long x = word ^ (ONES * c);
        return (x - ONES) & ~x & TOPS;
    }
}
