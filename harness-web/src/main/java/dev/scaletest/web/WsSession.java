package dev.scaletest.web;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/** An open client WebSocket. All methods are safe to call from any thread. */
public interface WsSession {

    /** Where frames for {@link #sendBinary} should be allocated (pooled for Netty). */
    ByteBufAllocator alloc();

    /**
     * Sends {@code payload} as one binary message and takes ownership of the buffer. With
     * {@code flush} false the frame may wait for a later flushing send (callers sending several
     * frames in a row flush only the last). The future completes when the frame was written, or
     * exceptionally with a {@link dev.scaletest.traffic.StreamFailure}.
     */
    CompletableFuture<Void> sendBinary(ByteBuf payload, boolean flush);

    /**
     * Sends each {@code data[ends[i-1], ends[i])} ({@code ends[-1]} = 0) as one binary message and
     * flushes once after the last. {@code data} may be reused as soon as this returns. Completes
     * like the last {@link #sendBinary}.
     */
    default CompletableFuture<Void> sendBinaryMessages(byte[] data, int[] ends, int count) {
        CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
        int from = 0;
        for (int i = 0; i < count; i++) {
            int size = ends[i] - from;
            last = sendBinary(alloc().buffer(size, size).writeBytes(data, from, size), i == count - 1);
            from = ends[i];
        }
        return last;
    }

    /** False while queued frames exceed the socket buffer's high-water mark. */
    boolean writable();

    /** Starts the closing handshake; {@link WsHandler#onClosed} follows when the server answers. */
    void close(int code, String reason);

    /** Drops the connection without a closing handshake. Idempotent. */
    void abort();

    /** The event loop that does this session's I/O, or null when its client has none. */
    default ScheduledExecutorService eventLoop() {
        return null;
    }
}
