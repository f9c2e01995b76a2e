package dev.scaletest.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EchoTrackerTest {
    private final List<Long> echoed = new ArrayList<>();
    private final List<String> mismatches = new ArrayList<>();

    private EchoTracker tracker(int echoLength) {
        return new EchoTracker(echoLength, new EchoTracker.Sink() {
            @Override
            public void echoed(long sequence) {
                echoed.add(sequence);
            }

            @Override
            public void mismatch(String detail) {
                mismatches.add(detail);
            }
        });
    }

    private static String tick(long seq, int length) {
        byte[] b = new TickPayload(length).newBuffer();
        TickPayload.mark(b, seq);
        return new String(b, StandardCharsets.US_ASCII);
    }

    private static void feedByteByByte(EchoTracker t, String s) {
        for (byte b : s.getBytes(StandardCharsets.US_ASCII)) {
            t.accept(ByteBuffer.wrap(new byte[] {b}));
        }
    }

    @Test
    void findsEchoesSplitAnywhereAndSkipsNoise() {
        EchoTracker t = tracker(41);
        String stream = "coder@ws:~$ " + tick(0, 40).replace("\n", "\r\n") + "^C\r\n" + tick(1, 40).replace("\n", "\r\n");
        feedByteByByte(t, stream);
        assertEquals(List.of(0L, 1L), echoed);
        assertEquals(List.of(), mismatches);
    }

    @Test
    void reportsALineOfTheWrongLength() {
        EchoTracker t = tracker(41);
        String bad = tick(7, 40).replace("\n", "xx\r\n");
        t.accept(ByteBuffer.wrap(bad.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(List.of(), echoed);
        assertEquals(1, mismatches.size());
    }

    @Test
    void ddCopyAfterTheEchoIsSeenAsTheSameSequence() {
        EchoTracker t = tracker(41);
        String line = tick(3, 40).replace("\n", "\r\n");
        t.accept(ByteBuffer.wrap((line + line).getBytes(StandardCharsets.US_ASCII)));
        assertEquals(List.of(3L, 3L), echoed);
    }
}
