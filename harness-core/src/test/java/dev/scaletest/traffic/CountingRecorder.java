package dev.scaletest.traffic;

import dev.scaletest.errors.ErrorClass;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

final class CountingRecorder implements TrafficRecorder {
    final Histogram corrected = new ConcurrentHistogram(3_600_000_000L, 3);
    final Histogram uncorrected = new ConcurrentHistogram(3_600_000_000L, 3);
    final Histogram lateness = new ConcurrentHistogram(3_600_000_000L, 3);
    final LongAdder written = new LongAdder();
    final LongAdder writeLatencies = new LongAdder();
    final LongAdder read = new LongAdder();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong mismatches = new AtomicLong();
    final List<Long> readLatencies = new CopyOnWriteArrayList<>();
    final List<StreamFailure> readFailures = new CopyOnWriteArrayList<>();

    @Override
    public void echo(long correctedNanos, long uncorrectedNanos) {
        corrected.recordValue(Math.max(1, correctedNanos / 1000));
        uncorrected.recordValue(Math.max(1, uncorrectedNanos / 1000));
    }

    @Override
    public void sendLateness(long nanos) {
        lateness.recordValue(nanos / 1000);
    }

    @Override
    public void bytesWritten(long count) {
        written.add(count);
    }

    @Override
    public void writeLatency(long nanos) {
        if (nanos >= 0) {
            writeLatencies.increment();
        }
    }

    @Override
    public void bytesRead(long count) {
        read.add(count);
    }

    @Override
    public void readLatency(long nanos) {
        readLatencies.add(nanos);
    }

    @Override
    public void readFailed(StreamFailure failure) {
        readFailures.add(failure);
    }

    @Override
    public void reconnect() {
        reconnects.incrementAndGet();
    }

    @Override
    public void error(ErrorClass errorClass) {
        if (errorClass == ErrorClass.ECHO_MISMATCH) {
            mismatches.incrementAndGet();
        }
    }
}
