package dev.scaletest.traffic;

import dev.scaletest.errors.ErrorClass;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * An open byte stream to a workspace (web terminal, SSH exec channel, or app WebSocket). The
 * transport does its own framing; callers hand it raw payload bytes.
 */
public interface StreamConnection {
    /**
     * Queues payload bytes for sending and returns at once; never blocks on the network. The
     * transport copies the bytes before returning, so the caller may reuse the array. The future
     * completes when the bytes were written to the socket, or exceptionally with a {@link StreamFailure}.
     */
    CompletableFuture<Void> send(byte[] payload, int offset, int length);

    /** False while earlier sends are still queued beyond the socket buffer (back-pressure). */
    boolean writable();

    /**
     * Ends the stream the protocol's way (web terminal: Ctrl-C then wait for the server to close;
     * SSH: EOF on stdin and SIGHUP then wait for exit; app: close frame) and completes when the peer
     * closed, or exceptionally ({@link ErrorClass#TIMEOUT}) after {@code timeout}.
     */
    CompletableFuture<Void> finish(Duration timeout);

    /** Drops the connection at once (no handshake). Idempotent. */
    void abort();

    /**
     * The event loop this connection does its I/O on, when it has one that runs timers: pacing the
     * stream from there turns each send into a plain write instead of a hand-off between threads.
     * Null (the default) has a shared pacing thread drive the stream.
     */
    default ScheduledExecutorService eventLoop() {
        return null;
    }
}
