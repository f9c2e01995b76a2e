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
 * slots of {@link PacingWheel}s that turn once per tick interval, about one slot per millisecond.
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

    private final long intervalNanos;
    private final int slotCount;
    private final long slotNanos;
    private final long startNanos = System.nanoTime();
    private final Map<ScheduledExecutorService, PacingWheel> loopWheels = new ConcurrentHashMap<>();
    private final List<ScheduledFuture<?>> loopTurns = new CopyOnWriteArrayList<>();
    private final PacingWheel sharedWheel;
    private Thread sharedThread;
    private volatile boolean running = true;

    public TickScheduler(Duration tickInterval) {
        this.intervalNanos = tickInterval.toNanos();
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("tick interval must be positive, got " + GoDuration.format(tickInterval));
        }
        // About one slot per millisecond: fine enough for 100 ms ticks, cheap for long ones.
        this.slotCount = (int) Math.max(1, Math.min(1000, intervalNanos / 1_000_000L));
        this.slotNanos = Math.max(1, intervalNanos / slotCount);
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
        PacingWheel wheel = new PacingWheel(startNanos, intervalNanos, slotCount, System.nanoTime());
        try {
            loopTurns.add(eventLoop.scheduleAtFixedRate(() -> wheel.turn(System.nanoTime()), slotNanos, slotNanos,
                    TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException shutDown) {
            return null;
        }
        return wheel;
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
        loopTurns.forEach(turn -> turn.cancel(false));
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
