package dev.scaletest.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TickPayloadTest {

    @Test
    void aTickHoldsItsMarkerAndNewlineAndATerminalLineAtMost() {
        assertEquals(Optional.empty(), TickPayload.lengthProblem(13, true));
        assertEquals(Optional.empty(), TickPayload.lengthProblem(4096, true));
        assertEquals(Optional.empty(), TickPayload.lengthProblem(65536, false));
        assertEquals("must be at least 13, got 12: a tick holds its 12-byte sequence marker and the newline",
                TickPayload.lengthProblem(12, false).orElseThrow());
        for (int length : new int[] {0, 5, 12, 4097}) {
            String problem = TickPayload.lengthProblem(length, true).orElseThrow();
            assertTrue(problem.startsWith("must be from 13 to 4096 through a terminal, got " + length + ": "), problem);
        }
    }

    @Test
    void theConstructorAssertsTheSameRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TickPayload(5));
        assertEquals("bytes per tick must be at least 13, got 5: a tick holds its 12-byte sequence marker and the newline", e.getMessage());
        assertEquals(13, new TickPayload(13).length());
    }

    @Test
    void aTickIsOneLineWithItsMarkerInFront() {
        byte[] tick = new TickPayload(20).newBuffer();
        TickPayload.mark(tick, 42);
        String text = new String(tick, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("#0000000042:"), text);
        assertEquals(text.length() - 1, text.indexOf('\n'), "one line, newline last");
        assertEquals(1, text.chars().filter(c -> c == '#').count(), "the filler holds no marker start");
    }

    @Test
    void aTerminalStreamRefusesATickLongerThanALine() {
        LoopbackTransport transport = new LoopbackTransport(EchoShape.RAW);
        try (TickScheduler scheduler = new TickScheduler(Duration.ofMillis(20))) {
            TrafficStream.Settings terminal = new TrafficStream.Settings(Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofSeconds(1), EchoShape.TERMINAL);
            TrafficStream.Settings raw = new TrafficStream.Settings(Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofSeconds(1), EchoShape.RAW);
            TickPayload long4097 = new TickPayload(4097);
            assertThrows(IllegalArgumentException.class, () -> new TrafficStream(transport, scheduler, long4097, new CountingRecorder(), terminal));
            new TrafficStream(transport, scheduler, long4097, new CountingRecorder(), raw);
        } finally {
            transport.close();
        }
    }
}
