package dev.scaletest.metrics;

import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records one operation's latencies in microseconds without locks; many threads may record at
 * once. Values outside 0 µs..1 h are clamped into it, so a stuck call still counts (as 1 h).
 */
public final class LatencyRecorder {
    public static final long HIGHEST_TRACKABLE_MICROS = 3_600_000_000L;
    public static final int SIGNIFICANT_DIGITS = 3;

    private final String operation;
    private final Recorder recorder = new Recorder(1, HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);

    LatencyRecorder(String operation) {
        this.operation = operation;
    }

    public String operation() {
        return operation;
    }

    public void recordNanos(long nanos) {
        recordMicros(nanos / 1_000);
    }

    public void record(Duration latency) {
        long micros;
        try {
            micros = latency.toNanos() / 1_000;
        } catch (ArithmeticException overflow) {
            micros = latency.isNegative() ? 0 : HIGHEST_TRACKABLE_MICROS;
        }
        recordMicros(micros);
    }

    public void recordMicros(long micros) {
        recorder.recordValue(Math.max(0, Math.min(HIGHEST_TRACKABLE_MICROS, micros)));
    }

    /** What was recorded since the previous call; {@code recycle} is the histogram that call returned. */
    Histogram takeInterval(Histogram recycle) {
        return recycle == null ? recorder.getIntervalHistogram() : recorder.getIntervalHistogram(recycle);
    }

    static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
    }
}
