package dev.scaletest.web;

import dev.scaletest.traffic.StreamListener;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An open web terminal. Input goes out as {@code {"data":...}} objects of at most 1024 payload
 * bytes, one binary frame each; output bytes go to the listener as they arrive.
 * {@link #finish} sends Ctrl-C and waits for the server to close after the process exited.
 */
public final class TerminalConnection extends WebSocketStream {

    private static final byte[] CTRL_C = {0x03};

    /** Kept across sends: a tick differs from the one before only in its marker. */
    private final PtyInputFrames frames = new PtyInputFrames();
    /** Held by the one sender using {@link #frames}; a concurrent sender encodes on its own. */
    private final AtomicBoolean framesBusy = new AtomicBoolean();

    TerminalConnection(StreamListener listener, String target) {
        super(listener, target);
    }

    @Override
    CompletableFuture<Void> writeFrames(WsSession session, byte[] payload, int offset, int length) {
        if (!framesBusy.compareAndSet(false, true)) {
            return writeFramesOnce(session, payload, offset, length);
        }
        try {
            frames.encode(payload, offset, length);
            return session.sendBinaryMessages(frames.bytes(), frames.ends(), frames.count());
        } finally {
            framesBusy.set(false);
        }
    }

    private static CompletableFuture<Void> writeFramesOnce(WsSession session, byte[] payload, int offset, int length) {
        int end = offset + length;
        CompletableFuture<Void> last = null;
        for (int chunk = offset; chunk < end; chunk += PtyInputEncoder.MAX_CHUNK_BYTES) {
            int size = Math.min(PtyInputEncoder.MAX_CHUNK_BYTES, end - chunk);
            ByteBuf frame = PtyInputEncoder.dataFrame(session.alloc(), payload, chunk, size);
            last = session.sendBinary(frame, chunk + size >= end);
        }
        return last;
    }

    /** Asks the server to resize the PTY. */
    public CompletableFuture<Void> resize(int width, int height) {
        WsSession session = session();
        return session.sendBinary(PtyInputEncoder.resizeFrame(session.alloc(), width, height), true);
    }

    @Override
    void sendEndSignal(WsSession session) {
        session.sendBinary(PtyInputEncoder.dataFrame(session.alloc(), CTRL_C, 0, 1), true);
    }

    @Override
    String endSignalName() {
        return "Ctrl-C";
    }
}
