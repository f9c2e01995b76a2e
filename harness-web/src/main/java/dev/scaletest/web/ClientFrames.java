package dev.scaletest.web;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Client-to-server binary frames (RFC 6455 §5.2: FIN, opcode 2, masked) written straight into one
 * I/O buffer for several messages at once, so a tick of terminal input is one buffer and one
 * write. The payload is masked eight bytes at a time with the key repeated over a long; each frame
 * gets its own random key, as the RFC asks.
 */
final class ClientFrames {

    // Payload words are read, masked and written in the machine's own byte order, so no byte swap.
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int FIN_BINARY = 0x82;
    private static final int MASKED = 0x80;

    private ClientFrames() {}

    /** Wire size of one masked frame carrying {@code size} bytes. */
    static int frameSize(int size) {
        int header = size <= 125 ? 2 : size <= 0xffff ? 4 : 10;
        return header + 4 + size;
    }

    /** Frames {@code data[ends[i-1], ends[i])} for each {@code i < count}, in order, in one buffer. */
    static ByteBuf binary(ByteBufAllocator alloc, byte[] data, int[] ends, int count) {
        int total = 0;
        int from = 0;
        for (int i = 0; i < count; i++) {
            total += frameSize(ends[i] - from);
            from = ends[i];
        }
        ByteBuf out = alloc.ioBuffer(total, total);
        ByteBuffer nio = out.nioBuffer(out.writerIndex(), total).order(NATIVE);
        int at = 0;
        from = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            at = frame(nio, at, data, from, ends[i] - from, random.nextInt());
            from = ends[i];
        }
        out.writerIndex(out.writerIndex() + total);
        return out;
    }

    /** Writes one frame at {@code at} (header bytes in network order, whatever {@code out}'s order). */
    static int frame(ByteBuffer out, int at, byte[] data, int from, int size, int key) {
        out.put(at++, (byte) FIN_BINARY);
        if (size <= 125) {
            out.put(at++, (byte) (MASKED | size));
        } else if (size <= 0xffff) {
            out.put(at++, (byte) (MASKED | 126));
            at = putBigEndian(out, at, size, 2);
        } else {
            out.put(at++, (byte) (MASKED | 127));
            at = putBigEndian(out, at, size, 8);
        }
        at = putBigEndian(out, at, key & 0xffffffffL, 4);
        // The key's wire bytes repeated over a word, in the order the words are read and written.
        boolean littleEndian = out.order() == ByteOrder.LITTLE_ENDIAN;
        int wordKey = littleEndian ? Integer.reverseBytes(key) : key;
        long mask = (wordKey & 0xffffffffL) << 32 | (wordKey & 0xffffffffL);
        int i = 0;
        if (littleEndian) {
            for (; i + 8 <= size; i += 8) {
                out.putLong(at + i, (long) LONG_LE.get(data, from + i) ^ mask);
            }
        } else {
            for (; i + 8 <= size; i += 8) {
                out.putLong(at + i, (long) LONG_BE.get(data, from + i) ^ mask);
            }
        }
        for (; i < size; i++) {
            out.put(at + i, (byte) (data[from + i] ^ (key >>> (24 - 8 * (i & 3)))));
        }
        return at + size;
    }

    private static int putBigEndian(ByteBuffer out, int at, long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.put(at++, (byte) (value >>> (8 * i)));
        }
        return at;
    }
}
