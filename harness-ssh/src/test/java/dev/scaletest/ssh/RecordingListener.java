package dev.scaletest.ssh;

import dev.scaletest.traffic.StreamFailure;
import dev.scaletest.traffic.StreamListener;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Keeps every byte a stream delivers and how it closed. */
final class RecordingListener implements StreamListener {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<StreamFailure> closed = new CompletableFuture<>();
    private int closeCalls;

    @Override
    public synchronized void onBytes(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        received.writeBytes(bytes);
        notifyAll();
    }

    @Override
    public synchronized void onClosed(StreamFailure failure) {
        closeCalls++;
        closed.complete(failure);
        notifyAll();
    }

    synchronized byte[] bytes() {
        return received.toByteArray();
    }

    synchronized int closeCalls() {
        return closeCalls;
    }

    /** Waits until at least {@code count} bytes arrived or the stream closed; returns what arrived. */
    synchronized byte[] awaitBytes(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count && !closed.isDone()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return received.toByteArray();
    }

    /** The failure the stream closed with (null for a normal end); fails the test on timeout. */
    StreamFailure awaitClosed(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
