package dev.scaletest.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Frames read back by the RFC 6455 rules carry exactly the bytes that were sent. */
class ClientFramesTest {

    @Test
    void everyMessageComesBackUnmaskedWithItsOwnHeader() {
        Random random = new Random(5);
        int[] sizes = {0, 1, 7, 8, 9, 125, 126, 1037, 65535, 65536, 70001};
        byte[] data = new byte[Arrays.stream(sizes).sum()];
        random.nextBytes(data);
        int[] ends = new int[sizes.length];
        int end = 0;
        for (int i = 0; i < sizes.length; i++) {
            end += sizes[i];
            ends[i] = end;
        }
        ByteBuf wire = ClientFrames.binary(UnpooledByteBufAllocator.DEFAULT, data, ends, sizes.length);
        try {
            int from = 0;
            for (int size : sizes) {
                assertEquals(0x82, wire.readUnsignedByte(), "FIN and binary opcode");
                int second = wire.readUnsignedByte();
                assertEquals(0x80, second & 0x80, "masked");
                long length = second & 0x7f;
                if (length == 126) {
                    length = wire.readUnsignedShort();
                } else if (length == 127) {
                    length = wire.readLong();
                }
                assertEquals(size, length);
                byte[] key = new byte[4];
                wire.readBytes(key);
                byte[] payload = new byte[size];
                wire.readBytes(payload);
                for (int i = 0; i < size; i++) {
                    payload[i] ^= key[i & 3];
                }
                assertArrayEquals(Arrays.copyOfRange(data, from, from + size), payload);
                from += size;
            }
            assertEquals(0, wire.readableBytes(), "nothing after the last frame");
        } finally {
            wire.release();
        }
    }

    @Test
    void theWireBytesDoNotDependOnTheBufferByteOrder() {
        byte[] data = new byte[1037];
        new Random(9).nextBytes(data);
        byte[] big = new byte[ClientFrames.frameSize(data.length)];
        byte[] little = new byte[big.length];
        int key = 0x8badf00d;
        ClientFrames.frame(java.nio.ByteBuffer.wrap(big).order(java.nio.ByteOrder.BIG_ENDIAN), 0, data, 0, data.length, key);
        ClientFrames.frame(java.nio.ByteBuffer.wrap(little).order(java.nio.ByteOrder.LITTLE_ENDIAN), 0, data, 0, data.length, key);
        assertArrayEquals(big, little);
        assertEquals((byte) 0x8b, big[4], "key in network order right after the 16-bit length");
        assertEquals((byte) (data[0] ^ 0x8b), big[8]);
        assertEquals((byte) (data[5] ^ 0xad), big[13]);
    }
}
