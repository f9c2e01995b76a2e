package dev.scaletest.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.scaletest.traffic.StreamConnection;
import dev.scaletest.traffic.StreamFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Shared test steps: push bytes through an echo stream, check them, end the stream cleanly. */
final class StreamChecks {
    static final Duration WAIT = Duration.ofSeconds(30);

    private StreamChecks() {}

    static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Sends {@code data} in {@code chunk}-sized sends, reusing one array as callers may. */
    static void sendAll(StreamConnection stream, byte[] data, int chunk) throws Exception {
        byte[] reused = new byte[chunk];
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int off = 0; off < data.length; off += chunk) {
            int n = Math.min(chunk, data.length - off);
            System.arraycopy(data, off, reused, 0, n);
            sends.add(stream.send(reused, 0, n));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Echo round trip then a normal finish. */
    static void echoAndFinish(StreamConnection stream, RecordingListener listener, int size, long seed) throws Exception {
        byte[] data = randomBytes(size, seed);
        sendAll(stream, data, 4096);
        byte[] echoed = listener.awaitBytes(data.length, WAIT);
        assertEquals(data.length, echoed.length, "echoed byte count");
        assertArrayEquals(data, echoed, "echoed bytes");
        stream.finish(WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        StreamFailure failure = listener.awaitClosed(WAIT);
        assertNull(failure, () -> "normal end expected, got " + failure);
        assertEquals(1, listener.closeCalls());
    }
}
