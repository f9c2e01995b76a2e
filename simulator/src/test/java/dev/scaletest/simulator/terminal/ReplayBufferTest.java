package dev.scaletest.simulator.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {

    private static String held(ReplayBuffer replay) {
        ByteBuf out = Unpooled.buffer();
        replay.copyTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void keepsTheMostRecentBytesAcrossGrowthAndWrapAround() {
        Random random = new Random(3);
        for (int capacity : new int[] {1, 100, 1000, 5000}) {
            ReplayBuffer replay = new ReplayBuffer(capacity);
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                int size = random.nextInt(i % 50 == 0 ? 3 * capacity + 1 : 200);
                StringBuilder chunk = new StringBuilder();
                for (int j = 0; j < size; j++) {
                    chunk.append((char) ('a' + random.nextInt(26)));
                }
                ByteBuf source = Unpooled.copiedBuffer("xx" + chunk, StandardCharsets.ISO_8859_1);
                replay.append(source, 2, size);
                all.append(chunk);
                String expected = all.substring(Math.max(0, all.length() - capacity));
                assertEquals(expected, held(replay), "capacity " + capacity + " after " + i + " appends");
                assertEquals(expected.length(), replay.size());
            }
        }
    }
}
