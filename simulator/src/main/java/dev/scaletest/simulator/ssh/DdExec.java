package dev.scaletest.simulator.ssh;

import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.SimulatorStats;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.io.IoReadFuture;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * {@code dd if=/dev/stdin of=/dev/stdout|/dev/null} without a pty: stdin copied to stdout byte for
 * byte, or discarded; end of input ends it with status 0. One read is outstanding at a time and
 * the next read waits for the previous write, so a slow client slows its own echo only. A read
 * takes at most dd's block size, as dd's read(2) of {@code bs} bytes does, and each read is
 * written as it came: an echo of one 4096-byte tick under {@code bs=4096} is one data packet, under
 * dd's default of 512 it is eight, as from a real agent.
 */
final class DdExec extends SimulatedExec {
    private final boolean copiesToStdout;
    private final Faults faults;
    private final long startNanos;
    private final ScheduledExecutorService timer;
    private final ByteArrayBuffer buffer;
    private int writing;

    DdExec(boolean copiesToStdout, int blockSize, Faults faults, long startNanos, ScheduledExecutorService timer,
            SimulatorStats stats) {
        super(stats);
        this.copiesToStdout = copiesToStdout;
        // MINA fills a read's buffer up to its capacity and no further (it does not grow it).
        this.buffer = new ByteArrayBuffer(blockSize, false);
        this.faults = faults;
        this.startNanos = startNanos;
        this.timer = timer;
    }

    @Override
    protected void begin() {
        readNext();
    }

    private void readNext() {
        if (finished()) {
            return;
        }
        // Without zeroing the block first, as MINA's clear() would: dd's bytes are not secrets.
        buffer.clear(false);
        in.read(buffer).addListener(this::onRead);
    }

    private void onRead(IoReadFuture read) {
        if (finished()) {
            return;
        }
        int count = read.getException() == null ? read.getRead() : -1;
        if (count < 0) {
            // End of input (or the channel went away): dd has copied everything and exits 0.
            finish(0, "");
            return;
        }
        stats.bytesReceived.add(count);
        copy(count);
    }

    /** Hands the bytes read on, unless a stall holds them (and, by not reading, the client). */
    private void copy(int count) {
        if (finished()) {
            return;
        }
        long stalled = faults.stallRemainingNanos(startNanos, System.nanoTime());
        if (stalled > 0) {
            timer.schedule(() -> copy(count), stalled, TimeUnit.NANOSECONDS);
            return;
        }
        if (!copiesToStdout) {
            readNext();
            return;
        }
        writing = count;
        try {
            out.writeBuffer(buffer).addListener(this::onWritten);
        } catch (IOException e) {
            finish(1, "dd: writing to stdout: " + e.getMessage());
        }
    }

    private void onWritten(IoWriteFuture write) {
        if (!write.isWritten()) {
            finish(1, "dd: writing to stdout failed");
            return;
        }
        stats.bytesEchoed.add(writing);
        readNext();
    }
}
