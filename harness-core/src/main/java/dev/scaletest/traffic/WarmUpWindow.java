package dev.scaletest.traffic;

import java.time.Duration;

/**
 * The warm-up of one traffic phase: the first stretch after the phase's first tick, while the JIT
 * compiles and any ramp-up is still adding streams. A tick whose intended send time falls within
 * it is measured apart, so that the steady part's tails are not the start-up backlog (wrk2's and
 * k6's practice). It is classified by when it was due, not when it was sent, so a backlog that
 * spills past the window still counts as warm-up. Shared by every stream of the phase; lock-free
 * once the first tick has set the origin.
 */
public final class WarmUpWindow {
    /** No warm-up: every tick is steady. */
    public static final WarmUpWindow NONE = new WarmUpWindow(Duration.ZERO);

    private final long lengthNanos;
    private volatile boolean started;
    private long firstTickNanos;

    /** @param length from the first tick on; 0 for none */
    public WarmUpWindow(Duration length) {
        if (length.isNegative()) {
            throw new IllegalArgumentException("a warm-up cannot be negative: " + length);
        }
        this.lengthNanos = length.toNanos();
    }

    /** Whether any tick can fall within the window. */
    public boolean active() {
        return lengthNanos > 0;
    }

    /**
     * Whether the tick due at {@code intendedNanos} ({@link System#nanoTime()} scale) is a warm-up
     * tick; the first tick asked about starts the window.
     */
    public boolean covers(long intendedNanos) {
        if (lengthNanos == 0) {
            return false;
        }
        if (!started) {
            start(intendedNanos);
        }
        return intendedNanos - firstTickNanos < lengthNanos;
    }

    private synchronized void start(long intendedNanos) {
        if (!started) {
            // Written before the volatile flag, so a reader that sees the flag sees the origin.
            firstTickNanos = intendedNanos;
            started = true;
        }
    }
}
