package dev.scaletest.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The last few bytes a process or channel wrote to stderr, kept for error messages. */
final class StderrTail {
    private final int limit;
    private final byte[] ring;
    private final CountDownLatch ended = new CountDownLatch(1);
    private long written;

    StderrTail(int limit) {
        this.limit = limit;
        this.ring = new byte[limit];
    }

    synchronized void append(byte[] data, int offset, int length) {
        for (int i = 0; i < length; i++) {
            ring[(int) (written++ % limit)] = data[offset + i];
        }
    }

    void note(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        append(bytes, 0, bytes.length);
    }

    /** Reads {@code in} to its end on the calling thread. */
    void drain(InputStream in) {
        try (in) {
            byte[] buf = new byte[1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                append(buf, 0, n);
            }
        } catch (IOException e) {
            // the process is gone; what was read so far is kept
        } finally {
            ended.countDown();
        }
    }

    void awaitEnd(Duration max) {
        try {
            ended.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The kept text on one line (newlines become "; "), trimmed. */
    synchronized String text() {
        int size = (int) Math.min(written, limit);
        byte[] out = new byte[size];
        long start = written - size;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(int) ((start + i) % limit)];
        }
        return new String(out, StandardCharsets.UTF_8).strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
