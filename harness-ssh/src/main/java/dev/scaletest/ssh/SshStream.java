package dev.scaletest.ssh;

import dev.scaletest.errors.ErrorClass;
import dev.scaletest.minanetty.NettyIoSession;
import dev.scaletest.traffic.StreamConnection;
import dev.scaletest.traffic.StreamFailure;
import dev.scaletest.traffic.StreamListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * One remote command on its own SSH session, driven with MINA's asynchronous channel streams.
 *
 * <p>Writes: MINA's async stdin accepts one pending write at a time, so sends are copied into a
 * queue that a single writer drains. Reads: one pending read on stdout (handed to the listener)
 * and one on stderr (kept for error messages); the channel's window only opens as reads complete,
 * which is the back-pressure towards the server.
 *
 * <p>End: the stream ends when the channel has closed and stdout is drained. Exit status 0 or
 * 255 and exit signal HUP are normal ends; any other status or signal is
 * {@link ErrorClass#SSH_CHANNEL}; a lost connection is {@link ErrorClass#CONNECT}.
 */
final class SshStream implements StreamConnection {
    private static final int READ_BUFFER = 32 * 1024;
    private static final Duration RELAY_LINGER = Duration.ofSeconds(5);

    private final String target;
    private final ClientSession session;
    private final ExecChannel channel;
    private final ProxyCommandRelay relay;
    private final StreamListener listener;
    private final long highWaterMark;

    private final Queue<PendingWrite> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean finishRequested = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicReference<Throwable> sessionError = new AtomicReference<>();
    private final CompletableFuture<Void> endFuture = new CompletableFuture<>();
    private final StderrTail stderr = new StderrTail(1024);
    private volatile boolean stdoutEnded;
    private volatile boolean channelClosed;

    SshStream(String target, ClientSession session, ExecChannel channel, ProxyCommandRelay relay,
            StreamListener listener, long highWaterMark) {
        this.target = target;
        this.session = session;
        this.channel = channel;
        this.relay = relay;
        this.listener = listener;
        this.highWaterMark = highWaterMark;
    }

    /** The cipher the session negotiated for what this client sends. */
    String clientToServerCipher() {
        return session.getNegotiatedKexParameter(KexProposalOption.C2SENC);
    }

    /** The SSH session the stream's channel runs on. */
    ClientSession session() {
        return session;
    }

    /** Starts the reads and watches for the channel's end. */
    void start() {
        session.addSessionListener(new SessionListener() {
            @Override
            public void sessionException(Session s, Throwable t) {
                sessionError.compareAndSet(null, t);
            }
        });
        IoInputStream err = channel.getAsyncErr();
        if (err != null) {
            readLoop(err, new ByteArrayBuffer(4096), false);
        }
        readLoop(channel.getAsyncOut(), new ByteArrayBuffer(READ_BUFFER), true);
        channel.addCloseFutureListener(f -> {
            channelClosed = true;
            endIfDone();
        });
    }

    @Override
    public CompletableFuture<Void> send(byte[] payload, int offset, int length) {
        if (ended.get() || finishRequested.get()) {
            return CompletableFuture.failedFuture(new StreamFailure(ErrorClass.SSH_CHANNEL,
                    target + ": send after the stream " + (ended.get() ? "ended" : "was finished")));
        }
        if (length == 0) {
            return CompletableFuture.completedFuture(null);
        }
        byte[] copy = Arrays.copyOfRange(payload, offset, offset + length);
        PendingWrite write = new PendingWrite(new ByteArrayBuffer(copy), length, new CompletableFuture<>());
        queuedBytes.addAndGet(length);
        queue.add(write);
        drainQueue();
        return write.done();
    }

    /** A direct session's event loop, where pacing the stream makes each tick a plain write. */
    @Override
    public ScheduledExecutorService eventLoop() {
        return session.getIoSession() instanceof NettyIoSession io ? io.eventLoop() : null;
    }

    @Override
    public boolean writable() {
        return !ended.get() && queuedBytes.get() < highWaterMark;
    }

    /** Sends EOF after the queued bytes, then the "signal" request HUP, and waits for the exit. */
    @Override
    public CompletableFuture<Void> finish(Duration timeout) {
        if (finishRequested.compareAndSet(false, true)) {
            queue.add(PendingWrite.END_OF_INPUT);
            drainQueue();
        }
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> end(new StreamFailure(
                ErrorClass.TIMEOUT, target + ": remote command did not exit within " + timeout.toMillis()
                        + " ms after EOF and SIGHUP")));
        return endFuture.copy();
    }

    @Override
    public void abort() {
        end(null);
    }

    private void drainQueue() {
        while (writing.compareAndSet(false, true)) {
            PendingWrite next = queue.poll();
            if (next == null) {
                writing.set(false);
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            if (ended.get()) {
                // Ended while this write waited: end() fails what it finds in the queue, and a write
                // taken from it here (on the loop, racing end()) fails the same way, never goes out.
                if (next != PendingWrite.END_OF_INPUT) {
                    written(next, new IOException("the stream ended before the bytes were sent"));
                }
                writing.set(false);
                continue;
            }
            if (next == PendingWrite.END_OF_INPUT) {
                // Stays "writing" for good: nothing may follow the EOF.
                endInput();
                return;
            }
            IoWriteFuture future;
            try {
                future = channel.getAsyncIn().writeBuffer(next.data());
            } catch (IOException | RuntimeException e) {
                written(next, e);
                writing.set(false);
                continue;
            }
            if (future.isDone()) {
                written(next, future.getException());
                writing.set(false);
                continue;
            }
            future.addListener(f -> {
                written(next, f.getException());
                writing.set(false);
                drainQueue();
            });
            return;
        }
    }

    private void written(PendingWrite write, Throwable error) {
        queuedBytes.addAndGet(-write.length());
        if (error == null) {
            write.done().complete(null);
        } else {
            write.done().completeExceptionally(new StreamFailure(
                    ErrorClass.SSH_CHANNEL, target + ": write failed: " + message(error), error));
        }
    }

    private void endInput() {
        try {
            channel.getAsyncIn().close(false).addListener(f -> {
                try {
                    if (channel.isOpen()) {
                        channel.sendSignal("HUP");
                    }
                } catch (IOException e) {
                    // The command already ended; its exit is what counts.
                }
            });
        } catch (RuntimeException e) {
            // Channel already gone: the close listener ends the stream.
        }
    }

    private void readLoop(IoInputStream in, Buffer buffer, boolean stdout) {
        while (!ended.get()) {
            IoReadFuture future;
            try {
                future = in.read(buffer);
            } catch (RuntimeException e) {
                readEnded(stdout);
                return;
            }
            if (!future.isDone()) {
                future.addListener(f -> {
                    if (consume(f, buffer, stdout)) {
                        readLoop(in, buffer, stdout);
                    }
                });
                return;
            }
            if (!consume(future, buffer, stdout)) {
                return;
            }
        }
    }

    /** Hands one completed read on; false when the stream has no more to read. */
    private boolean consume(IoReadFuture future, Buffer buffer, boolean stdout) {
        if (future.getException() != null) {
            readEnded(stdout);
            return false;
        }
        if (stdout) {
            try {
                listener.onBytes(ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available()).asReadOnlyBuffer());
            } catch (RuntimeException e) {
                end(new StreamFailure(ErrorClass.OTHER, target + ": stream listener failed: " + message(e), e));
                return false;
            }
        } else {
            stderr.append(buffer.array(), buffer.rpos(), buffer.available());
        }
        // MINA's clear() also zeroes the whole 32 KiB array, for secrets; echoed ticks are none, and
        // wiping it after every read was most of the harness's memory traffic per SSH tick.
        buffer.clear(false);
        return true;
    }

    private void readEnded(boolean stdout) {
        if (stdout) {
            stdoutEnded = true;
            endIfDone();
        }
    }

    private void endIfDone() {
        if (channelClosed && stdoutEnded) {
            end(outcome());
        }
    }

    /** Classifies why the channel closed. */
    private StreamFailure outcome() {
        String signal = channel.getExitSignal();
        Integer status = channel.getExitStatus();
        if (signal != null) {
            return "HUP".equals(signal) ? null
                    : new StreamFailure(ErrorClass.SSH_CHANNEL, target + ": remote command killed by signal " + signal + stderrSuffix());
        }
        if (status != null) {
            return status == 0 || status == 255 ? null
                    : new StreamFailure(ErrorClass.SSH_CHANNEL, target + ": remote command exited with status " + status + stderrSuffix());
        }
        if (!session.isOpen() || sessionError.get() != null) {
            Throwable cause = sessionError.get();
            String why = cause == null ? "connection closed" : message(cause);
            String proxy = relay == null ? "" : " (" + relay.describeState() + ")";
            return new StreamFailure(ErrorClass.CONNECT, target + ": SSH connection lost: " + why + proxy, cause);
        }
        return new StreamFailure(ErrorClass.SSH_CHANNEL, target + ": channel closed without exit status" + stderrSuffix());
    }

    private String stderrSuffix() {
        String text = stderr.text();
        return text.isEmpty() ? "" : ", stderr: " + text;
    }

    /** Ends the stream once: tells the listener, fails queued sends, releases session and relay. */
    private void end(StreamFailure failure) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        StreamFailure unsent = failure != null ? failure
                : new StreamFailure(ErrorClass.SSH_CHANNEL, target + ": stream ended before the bytes were sent");
        for (PendingWrite w; (w = queue.poll()) != null; ) {
            if (w != PendingWrite.END_OF_INPUT) {
                queuedBytes.addAndGet(-w.length());
                w.done().completeExceptionally(unsent);
            }
        }
        try {
            listener.onClosed(failure);
        } finally {
            release(failure == null && channelClosed);
            if (failure == null) {
                endFuture.complete(null);
            } else {
                endFuture.completeExceptionally(failure);
            }
        }
    }

    private void release(boolean graceful) {
        if (relay == null) {
            session.close(!graceful);
            return;
        }
        if (!graceful) {
            session.close(true);
            relay.close();
            return;
        }
        // Let the disconnect message pass through the proxy before it is killed.
        session.close(false).addListener(f -> relay.close());
        CompletableFuture.delayedExecutor(RELAY_LINGER.toMillis(), TimeUnit.MILLISECONDS).execute(relay::close);
    }

    static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    private record PendingWrite(Buffer data, int length, CompletableFuture<Void> done) {
        static final PendingWrite END_OF_INPUT = new PendingWrite(null, 0, new CompletableFuture<>());
    }
}
