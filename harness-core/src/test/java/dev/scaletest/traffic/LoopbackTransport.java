package dev.scaletest.traffic;

import dev.scaletest.errors.ErrorClass;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/** An in-memory workspace that echoes like a terminal, with knobs to delay, drop or garble. */
final class LoopbackTransport implements StreamTransport {
    final ScheduledExecutorService io = Executors.newSingleThreadScheduledExecutor();
    final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger sends = new AtomicInteger();
    volatile long echoDelayMs;
    volatile IntPredicate dropAfterSend = n -> false;
    volatile IntPredicate garbleSend = n -> false;
    volatile IntPredicate delaySend = n -> false;
    volatile long extraDelayMs;
    volatile long openDelayMs;
    volatile boolean refuseOpen;
    /** Pace the stream on {@link #io}, as a connection with an event loop is paced. */
    volatile boolean paceOnIo;
    /** Keeps {@link #io} busy for {@code stallMs}, {@code stallAfterOpenMs} after the open, as a loop behind on its work would be. */
    volatile long stallMs;
    volatile long stallAfterOpenMs;
    /** How a dropped connection ends. */
    volatile StreamFailure dropWith = new StreamFailure(ErrorClass.WS_CLOSE, "loopback: dropped");
    /** {@link System#nanoTime()} of the first send and of the completed open; 0 until then. */
    volatile long firstSendNanos;
    volatile long openedNanos;
    /** {@link System#nanoTime()} of the latest send and of the finish; 0 until then. */
    volatile long lastSendNanos;
    volatile long finishNanos;
    private final EchoShape shape;

    LoopbackTransport(EchoShape shape) {
        this.shape = shape;
    }

    @Override
    public CompletableFuture<StreamConnection> open(StreamListener listener) {
        opens.incrementAndGet();
        CompletableFuture<StreamConnection> opened = new CompletableFuture<>();
        io.schedule(() -> {
            if (refuseOpen) {
                opened.completeExceptionally(new StreamFailure(ErrorClass.CONNECT, "loopback: refused"));
                return;
            }
            openedNanos = System.nanoTime();
            if (stallMs > 0) {
                io.schedule(() -> sleep(stallMs), stallAfterOpenMs, TimeUnit.MILLISECONDS);
            }
            opened.complete(new Connection(listener));
        }, openDelayMs, TimeUnit.MILLISECONDS);
        return opened;
    }

    @Override
    public String describe() {
        return "loopback";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        io.shutdownNow();
    }

    final class Connection implements StreamConnection {
        private final StreamListener listener;
        private volatile boolean closed;

        Connection(StreamListener listener) {
            this.listener = listener;
        }

        @Override
        public CompletableFuture<Void> send(byte[] payload, int offset, int length) {
            int n = sends.incrementAndGet();
            lastSendNanos = System.nanoTime();
            if (n == 1) {
                firstSendNanos = lastSendNanos;
            }
            byte[] echo = new byte[length + (shape == EchoShape.TERMINAL ? 1 : 0)];
            System.arraycopy(payload, offset, echo, 0, length);
            if (shape == EchoShape.TERMINAL && echo[length - 1] == '\n') {
                echo[length - 1] = '\r';
                echo[length] = '\n';
            }
            if (garbleSend.test(n)) {
                echo[echo.length - 1] = 'x';
            }
            long delay = echoDelayMs + (delaySend.test(n) ? extraDelayMs : 0);
            boolean drop = dropAfterSend.test(n);
            io.schedule(() -> {
                if (closed) {
                    return;
                }
                // Deliver in two chunks, as a network would split it.
                int half = echo.length / 2;
                listener.onBytes(ByteBuffer.wrap(echo, 0, half));
                listener.onBytes(ByteBuffer.wrap(echo, half, echo.length - half));
                if (drop) {
                    closed = true;
                    listener.onClosed(dropWith);
                }
            }, delay, TimeUnit.MILLISECONDS);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public ScheduledExecutorService eventLoop() {
            return paceOnIo ? io : null;
        }

        @Override
        public CompletableFuture<Void> finish(Duration timeout) {
            finishNanos = System.nanoTime();
            closed = true;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void abort() {
            closed = true;
        }
    }
}
