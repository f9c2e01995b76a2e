package dev.scaletest.web;

import dev.scaletest.errors.ErrorClass;
import dev.scaletest.traffic.StreamConnection;
import dev.scaletest.traffic.StreamFailure;
import dev.scaletest.traffic.StreamListener;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link StreamConnection} over one WebSocket session: binary frames from the server go to the
 * listener, a text frame is a protocol error, and {@link #finish} sends the protocol's end signal
 * then waits for the server to close. The listener hears about the end exactly once.
 */
abstract class WebSocketStream implements StreamConnection, WsHandler {

    private final StreamListener listener;
    private final String target;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private volatile WsSession session;
    /** A failure decided here (timeout, protocol error) that overrides how the session ended. */
    private volatile StreamFailure localFailure;
    private volatile boolean abortRequested;

    WebSocketStream(StreamListener listener, String target) {
        this.listener = listener;
        this.target = target;
    }

    void attach(WsSession session) {
        this.session = session;
        if (abortRequested) {
            session.abort();
        }
    }

    WsSession session() {
        return session;
    }

    String target() {
        return target;
    }

    boolean finishing() {
        return finishing.get();
    }

    /** Completes when the session ended; exceptionally with the classified reason. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /** Queues the payload as this protocol's frames; the last one flushes. */
    abstract CompletableFuture<Void> writeFrames(WsSession session, byte[] payload, int offset, int length);

    /** Sends what tells the server to end the stream (Ctrl-C, close frame). */
    abstract void sendEndSignal(WsSession session);

    /** What {@link #finish} waits for, for the timeout message. */
    abstract String endSignalName();

    @Override
    public CompletableFuture<Void> send(byte[] payload, int offset, int length) {
        if (finishing.get() || ended.isDone()) {
            return CompletableFuture.failedFuture(new StreamFailure(ErrorClass.WS_CLOSE,
                    "stream " + target + " is finished; no more sends"));
        }
        if (length == 0) {
            return CompletableFuture.completedFuture(null);
        }
        return writeFrames(session, payload, offset, length);
    }

    @Override
    public boolean writable() {
        WsSession current = session;
        return current != null && current.writable();
    }

    @Override
    public ScheduledExecutorService eventLoop() {
        WsSession current = session;
        return current != null ? current.eventLoop() : null;
    }

    @Override
    public CompletableFuture<Void> finish(Duration timeout) {
        if (finishing.compareAndSet(false, true) && !ended.isDone()) {
            sendEndSignal(session);
        }
        return ended.copy().orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .exceptionallyCompose(error -> {
                    if (error instanceof TimeoutException) {
                        StreamFailure timedOut = new StreamFailure(ErrorClass.TIMEOUT, "server did not close "
                                + target + " within " + timeout + " after " + endSignalName());
                        abortWith(timedOut);
                        return CompletableFuture.failedFuture(timedOut);
                    }
                    return CompletableFuture.failedFuture(error);
                });
    }

    @Override
    public void abort() {
        finishing.set(true);
        abortRequested = true;
        WsSession current = session;
        if (current != null) {
            current.abort();
        }
    }

    /** Ends the stream with a failure decided on this side (shown to the listener instead of "aborted"). */
    void abortWith(StreamFailure failure) {
        if (localFailure == null) {
            localFailure = failure;
        }
        abort();
    }

    @Override
    public void onBinary(ByteBuffer data) {
        listener.onBytes(data);
    }

    @Override
    public void onText(String text) {
        abortWith(new StreamFailure(ErrorClass.OTHER,
                "unexpected text message on " + target + " (this stream is binary): " + abbreviate(text)));
    }

    @Override
    public void onClosed(StreamFailure failure) {
        StreamFailure end = localFailure != null ? localFailure : failure;
        if (end == null) {
            ended.complete(null);
        } else {
            ended.completeExceptionally(end);
        }
        listener.onClosed(end);
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
