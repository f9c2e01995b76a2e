package dev.scaletest.traffic;

import java.util.concurrent.CompletableFuture;

/**
 * Opens streams to one workspace target. May be called again after a stream dropped: a web
 * terminal transport re-attaches with the same reconnect id, so the workspace process survives.
 */
public interface StreamTransport extends AutoCloseable {
    /** Completes with an open connection, or exceptionally with a {@link StreamFailure}. */
    CompletableFuture<StreamConnection> open(StreamListener listener);

    /** A short human name of the target for logs and errors, e.g. {@code pty scaletest-x-1.main}. */
    String describe();

    /** Releases what only this transport holds (shared clients and event loops are not closed). */
    @Override
    default void close() {}
}
