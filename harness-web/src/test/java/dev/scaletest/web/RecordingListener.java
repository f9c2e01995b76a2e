package dev.scaletest.web;

import dev.scaletest.traffic.StreamFailure;
import dev.scaletest.traffic.StreamListener;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Collects what a stream delivers, and how (and how often) it ended. */
final class RecordingListener implements StreamListener {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final CompletableFuture<StreamFailure> closed = new CompletableFuture<>();
    final AtomicInteger closeCalls = new AtomicInteger();

    @Override
    public void onBytes(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        synchronized (received) {
            received.writeBytes(bytes);
        }
    }

    @Override
    public void onClosed(StreamFailure failure) {
        closeCalls.incrementAndGet();
        closed.complete(failure);
    }

    String text() {
        synchronized (received) {
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    void awaitText(String expected) {
        await(() -> text().equals(expected), () -> "received " + text().length() + " chars, expected "
                + expected.length() + ": " + abbreviate(text()));
    }

    static void await(BooleanSupplier condition, java.util.function.Supplier<String> describe) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT + ": " + describe.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
