package dev.scaletest.traffic;

import dev.scaletest.harness.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces every stream of a run without a timer per stream or a lock per tick. Streams sit in the
 * slots of {@link PacingWheel}s that turn once per tick interval, one slot per 5 ms.
 * A stream whose connection lives on an event loop is paced by a wheel turned on that loop, so its
 * sends need no hand-off between threads (and no wake-up of the loop); every other stream is
 * paced by one shared pacing thread. Due ticks are computed from each stream's plan, never from
 * when a wheel got there, so a late wheel shows up as send lateness instead of silently shifting
 * the plan.
 */
public final class TickScheduler implements AutoCloseable {
    /** What the wheel drives. */
    interface Paced {
        /** Called on the wheel's thread at (or after) the instant {@code nowNanos}. */
        void pace(long nowNanos);

        /** True once the stream no longer needs pacing; it is then dropped from its slot. */
        boolean paceDone();

        /** Plans the first tick: called once on the wheel's thread when the stream is placed. */
        void firstDue(long nanos);
    }

    static final long SLOT_NANOS = 5_000_000L;

    private final long intervalNanos;
    private final int slotCount;
    private final long startNanos = System.nanoTime();
    private final Map<ScheduledExecutorService, PacingWheel> loopWheels = new ConcurrentHashMap<>();
    private final List<LoopTurn> loopTurns = new CopyOnWriteArrayList<>();
    private final PacingWheel sharedWheel;
    private Thread sharedThread;
    private volatile boolean running = true;

    public TickScheduler(Duration tickInterval) {
        this.intervalNanos = tickInterval.toNanos();
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("tick interval must be positive, got " + GoDuration.format(tickInterval));
        }
        // Slots of about 5 ms: a wheel wakes 200 times a second, and a slot's sends leave together
        // so their echoes come back together, which saves an event-loop wake-up per tick on both
        // ends (at 1 ms slots those wake-ups cost more CPU than the sends). Lateness is measured
        // from each slot's own instant, so the grouping does not hide any.
        this.slotCount = (int) Math.max(1, Math.min(1000, intervalNanos / SLOT_NANOS));
        this.sharedWheel = new PacingWheel(startNanos, intervalNanos, slotCount, startNanos);
    }

    public Duration tickInterval() {
        return Duration.ofNanos(intervalNanos);
    }

    /**
     * Paces {@code stream} from {@code eventLoop} (the thread its connection does I/O on), or from
     * the shared pacing thread when that is null or no longer takes tasks.
     */
    void add(Paced stream, ScheduledExecutorService eventLoop) {
        if (eventLoop != null && running) {
            PacingWheel wheel = loopWheels.computeIfAbsent(eventLoop, this::turnOn);
            if (wheel != null) {
                wheel.offer(stream);
                return;
            }
        }
        sharedWheel.offer(stream);
        startSharedThread();
    }

    private PacingWheel turnOn(ScheduledExecutorService eventLoop) {
        LoopTurn turn = new LoopTurn(new PacingWheel(startNanos, intervalNanos, slotCount, System.nanoTime()), eventLoop);
        if (!turn.scheduleNext()) {
            return null;
        }
        loopTurns.add(turn);
        return turn.wheel;
    }

    /**
     * Turns one wheel on its event loop: one timer per slot, each set for the next slot's own
     * instant, so the visits stay on the wheel's grid however long the run.
     */
    private final class LoopTurn implements Runnable {
        final PacingWheel wheel;
        private final ScheduledExecutorService eventLoop;
        private volatile ScheduledFuture<?> next;

        LoopTurn(PacingWheel wheel, ScheduledExecutorService eventLoop) {
            this.wheel = wheel;
            this.eventLoop = eventLoop;
        }

        @Override
        public void run() {
            if (running) {
                wheel.turn(System.nanoTime());
                scheduleNext();
            }
        }

        boolean scheduleNext() {
            try {
                next = eventLoop.schedule(this, Math.max(0, wheel.nextVisitNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
                return true;
            } catch (RejectedExecutionException shutDown) {
                return false;
            }
        }

        void cancel() {
            ScheduledFuture<?> pending = next;
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }

    private synchronized void startSharedThread() {
        if (sharedThread != null || !running) {
            return;
        }
        sharedThread = Thread.ofPlatform().name("scaletest-tick-scheduler").daemon().unstarted(this::turnShared);
        sharedThread.setPriority(Thread.MAX_PRIORITY);
        sharedThread.start();
    }

    private void turnShared() {
        while (running) {
            long wait = sharedWheel.nextVisitNanos() - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            } else {
                sharedWheel.turn(System.nanoTime());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        loopTurns.forEach(LoopTurn::cancel);
        Thread thread;
        synchronized (this) {
            thread = sharedThread;
        }
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
