package dev.scaletest.traffic;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds the first tick of every stream until all streams that start together are connected, so a
 * run's delivery and latency are not diluted by streams that were still connecting while the early
 * ones already sent. Each stream either arrives (connected) or withdraws (could not connect). The
 * wait is bounded: {@code maxWait} after the first arrival the gate opens for whoever is connected,
 * and later arrivals pass at once. Lock-free waiting, so virtual threads are never pinned.
 *
 * <p>The streams that started together also close together: each tells the gate when its own
 * plan is over ({@link #planEndsAt}), and none closes before the latest of them
 * ({@link #closeAt}), so no close competes with another stream's last ticks.
 */
public final class StartGate {
    private static final long NOT_YET = Long.MIN_VALUE;

    private final int expected;
    private final long maxWaitNanos;
    private final CountDownLatch pending;
    private final AtomicLong firstArrivalNanos = new AtomicLong(NOT_YET);
    private final AtomicLong latestPlanEndNanos = new AtomicLong(NOT_YET);

    /**
     * @param expected streams that start together
     * @param maxWait  longest wait after the first stream connected
     */
    public StartGate(int expected, Duration maxWait) {
        if (expected < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("expected " + expected + " streams, max wait " + maxWait);
        }
        this.expected = expected;
        this.maxWaitNanos = maxWait.toNanos();
        this.pending = new CountDownLatch(expected);
    }

    /** A gate that never holds a stream back (streams started one by one or at a set rate). */
    public static StartGate open() {
        return new StartGate(0, Duration.ZERO);
    }

    public int expected() {
        return expected;
    }

    /** Streams that arrived or withdrew so far. */
    public int settled() {
        return (int) (expected - pending.getCount());
    }

    /** A stream's plan is over at {@code nanos} ({@link System#nanoTime()}): its last tick was due an interval before. */
    public void planEndsAt(long nanos) {
        latestPlanEndNanos.accumulateAndGet(nanos, (a, b) -> a == NOT_YET ? b : Math.max(a, b));
    }

    /**
     * When a stream whose own plan ends at {@code ownPlanEndNanos} may close: at the latest plan end
     * of the streams that started with it (its own, through a gate that holds nothing back).
     */
    public long closeAt(long ownPlanEndNanos) {
        long latest = expected == 0 ? NOT_YET : latestPlanEndNanos.get();
        return latest == NOT_YET ? ownPlanEndNanos : Math.max(latest, ownPlanEndNanos);
    }

    /** A stream gave up connecting: nobody waits for it any longer. */
    public void withdraw() {
        pending.countDown();
    }

    /**
     * A stream is connected: waits until every expected stream arrived or withdrew, or until
     * {@code maxWait} after the first arrival.
     *
     * @return true when every stream settled, false when the wait ran out first
     */
    public boolean arriveAndAwait() throws InterruptedException {
        long now = System.nanoTime();
        firstArrivalNanos.compareAndSet(NOT_YET, now);
        pending.countDown();
        long deadline = firstArrivalNanos.get() + maxWaitNanos;
        return pending.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
