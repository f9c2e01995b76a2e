package dev.scaletest.metrics;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A level that goes up and down: builds being waited for, streams open. Prometheus reads the
 * current level ({@link #current()}); a report's time series gets each interval's peak
 * ({@link #takePeak()}), so a build that starts and ends between two samples still shows, where
 * a sample at the interval's end would miss it.
 */
public final class LevelGauge {
    private final AtomicLong level = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    public void increment() {
        long now = level.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
    }

    public void decrement() {
        level.decrementAndGet();
    }

    public long current() {
        return level.get();
    }

    /** The highest level since the last call (or since creation), and the next interval starts from the current level. */
    long takePeak() {
        long now = level.get();
        return Math.max(peak.getAndSet(now), now);
    }
}
