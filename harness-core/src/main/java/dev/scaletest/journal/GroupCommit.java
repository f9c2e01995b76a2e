package dev.scaletest.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends lines so that each {@link #append} returns only once its line is forced to disk, while
 * concurrent appenders share one write and one force (group commit).
 *
 * <p>A thousand runs each forcing their own line queue up behind one another: a force costs
 * about a millisecond, so six lines per workspace serialised this way took seconds of wall time.
 * Here a caller whose line is not yet durable takes the commit lock and writes everything queued
 * so far (its own line and those of the callers waiting behind it) with one force; the callers
 * whose lines went along find them durable once they get the lock and return at once. The
 * durability promise to every caller is unchanged.
 *
 * <p>After a failed write or force the appender refuses further lines: part of a batch may have
 * reached the file, and a caller must never believe an unwritten line is on disk.
 * {@link ReentrantLock} rather than {@code synchronized} so virtual threads blocked on the force
 * do not pin their carriers on JDK 21.
 */
final class GroupCommit {
    /** Where batches go: a gathering write of whole lines, then a force. */
    interface Sink {
        void write(ByteBuffer[] lines) throws IOException;

        void force() throws IOException;
    }

    private final Sink sink;
    private final ReentrantLock commitLock = new ReentrantLock();
    private final Object queueLock = new Object();
    private List<byte[]> queued = new ArrayList<>();
    private long lastQueued;
    // Guarded by commitLock.
    private long durable;
    private IOException failure;

    GroupCommit(Sink sink) {
        this.sink = sink;
    }

    /** Returns once {@code line} (which should end in a newline) is written and forced. */
    void append(byte[] line) throws IOException {
        long seq;
        synchronized (queueLock) {
            queued.add(line);
            seq = ++lastQueued;
        }
        commitLock.lock();
        try {
            if (durable >= seq) {
                return;
            }
            if (failure != null) {
                throw new IOException("an earlier journal write failed: " + failure.getMessage(), failure);
            }
            List<byte[]> batch;
            long last;
            synchronized (queueLock) {
                batch = queued;
                last = lastQueued;
                queued = new ArrayList<>();
            }
            ByteBuffer[] buffers = new ByteBuffer[batch.size()];
            for (int i = 0; i < buffers.length; i++) {
                buffers[i] = ByteBuffer.wrap(batch.get(i));
            }
            try {
                sink.write(buffers);
                sink.force();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            durable = last;
        } finally {
            commitLock.unlock();
        }
    }

    /** Lines queued but not yet taken into a batch (for tests that line callers up). */
    int queued() {
        synchronized (queueLock) {
            return queued.size();
        }
    }

    /** Runs {@code action} with no batch in progress (closing the file under it). */
    void exclusive(IORunnable action) throws IOException {
        commitLock.lock();
        try {
            action.run();
        } finally {
            commitLock.unlock();
        }
    }

    interface IORunnable {
        void run() throws IOException;
    }
}
