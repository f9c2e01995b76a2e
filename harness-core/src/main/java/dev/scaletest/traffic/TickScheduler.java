package dev.scaletest.traffic;

import dev.scaletest.harness.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * One pacing thread for every stream of a run. Streams sit in the slots of a wheel that turns
 * once per tick interval; visiting a slot tells its streams how many ticks have come due by the
 * clock. Due ticks are computed from each stream's plan, never from when the wheel got there, so
 * a late wheel shows up as send lateness instead of silently shifting the plan. No timer per
 * stream, no lock per tick: only this thread touches the slots.
 */
public final class TickScheduler implements AutoCloseable {
    /** What the wheel drives. */
    interface Paced {
        /** Called on the pacing thread at (or after) the instant {@code nowNanos}. */
        void pace(long nowNanos);

        /** True once the stream no longer needs pacing; it is then dropped from its slot. */
        boolean paceDone();

        /** Plans the first tick: called once on the pacing thread with the first visit of its slot. */
        void firstDue(long nanos);
    }

    private final long intervalNanos;
    private final int slotCount;
    private final List<List<Paced>> slots;
    private final ConcurrentLinkedQueue<Paced> arrivals = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private int nextSlot;

    public TickScheduler(Duration tickInterval) {
        this.intervalNanos = tickInterval.toNanos();
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("tick interval must be positive, got " + GoDuration.format(tickInterval));
        }
        // About one slot per millisecond: fine enough for 100 ms ticks, cheap for long ones.
        this.slotCount = (int) Math.max(1, Math.min(1000, intervalNanos / 1_000_000L));
        this.slots = new ArrayList<>(slotCount);
        for (int i = 0; i < slotCount; i++) {
            slots.add(new ArrayList<>());
        }
        this.thread = Thread.ofPlatform().name("scaletest-tick-scheduler").daemon().unstarted(this::turn);
        this.thread.setPriority(Thread.MAX_PRIORITY);
        this.thread.start();
    }

    public Duration tickInterval() {
        return Duration.ofNanos(intervalNanos);
    }

    void add(Paced stream) {
        arrivals.add(stream);
        LockSupport.unpark(thread);
    }

    private void turn() {
        long start = System.nanoTime();
        long visit = 0;
        while (running) {
            long at = start + (visit / slotCount) * intervalNanos + (visit % slotCount) * intervalNanos / slotCount;
            long wait = at - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                if (System.nanoTime() < at) {
                    // Woken early by an arrival: place it now, then wait again.
                    admit(visit, start);
                    continue;
                }
            }
            admit(visit, start);
            List<Paced> slot = slots.get((int) (visit % slotCount));
            long now = System.nanoTime();
            for (int i = 0; i < slot.size(); ) {
                Paced stream = slot.get(i);
                if (stream.paceDone()) {
                    int last = slot.size() - 1;
                    slot.set(i, slot.get(last));
                    slot.remove(last);
                    continue;
                }
                stream.pace(now);
                i++;
            }
            visit++;
        }
    }

    /** New streams go round-robin into slots, so their ticks spread evenly over the interval. */
    private void admit(long currentVisit, long start) {
        Paced stream;
        while ((stream = arrivals.poll()) != null) {
            int slot = nextSlot;
            nextSlot = (nextSlot + 1) % slotCount;
            long offset = (slot - currentVisit % slotCount + slotCount) % slotCount;
            // First tick one interval after the stream starts, as Coder's ticker does.
            long firstVisit = currentVisit + offset + slotCount;
            long firstDue = start + (firstVisit / slotCount) * intervalNanos + (firstVisit % slotCount) * intervalNanos / slotCount;
            stream.firstDue(firstDue);
            slots.get(slot).add(stream);
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
