package dev.scaletest.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The slots of one pacing wheel. The wheel turns once per tick interval; visiting a slot tells its
 * streams that time has come, and each stream works out from its own plan how many ticks are due.
 * Only one thread turns a wheel (the pacing thread, or the event loop the wheel belongs to); other
 * threads only hand in new streams.
 */
final class PacingWheel {

    private final long startNanos;
    private final long intervalNanos;
    private final int slotCount;
    private final List<List<TickScheduler.Paced>> slots;
    private final ConcurrentLinkedQueue<TickScheduler.Paced> arrivals = new ConcurrentLinkedQueue<>();
    private long visit;
    private int nextSlot;

    /** Every wheel of a scheduler shares {@code startNanos} and the slot grid, so all ticks line up. */
    PacingWheel(long startNanos, long intervalNanos, int slotCount, long nowNanos) {
        this.startNanos = startNanos;
        this.intervalNanos = intervalNanos;
        this.slotCount = slotCount;
        this.slots = new ArrayList<>(slotCount);
        for (int i = 0; i < slotCount; i++) {
            slots.add(new ArrayList<>());
        }
        // A wheel made mid-run starts at the current slot rather than replaying the empty past.
        this.visit = slotAt(nowNanos);
        this.nextSlot = (int) (visit % slotCount);
    }

    /** Safe from any thread; the stream is placed at the wheel's next visit. */
    void offer(TickScheduler.Paced stream) {
        arrivals.add(stream);
    }

    long nextVisitNanos() {
        return visitNanos(visit);
    }

    /** Places new streams, then visits every slot that has come due by {@code nowNanos}. */
    void turn(long nowNanos) {
        // A wheel that fell behind (or whose thread started late) plans new streams from the
        // clock's slot, not from the slot it is catching up on.
        admit(Math.max(visit, slotAt(nowNanos)));
        while (visitNanos(visit) <= nowNanos) {
            List<TickScheduler.Paced> slot = slots.get((int) (visit % slotCount));
            long now = System.nanoTime();
            for (int i = 0; i < slot.size(); ) {
                TickScheduler.Paced stream = slot.get(i);
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

    /** The slot whose instant is the latest at or before {@code nanos}. */
    private long slotAt(long nanos) {
        long elapsed = Math.max(0, nanos - startNanos);
        return (elapsed / intervalNanos) * slotCount + (elapsed % intervalNanos) * slotCount / intervalNanos;
    }

    private long visitNanos(long v) {
        return startNanos + (v / slotCount) * intervalNanos + (v % slotCount) * intervalNanos / slotCount;
    }

    /** New streams go round-robin into slots, so their ticks spread evenly over the interval. */
    private void admit(long currentVisit) {
        TickScheduler.Paced stream;
        while ((stream = arrivals.poll()) != null) {
            int slot = nextSlot;
            nextSlot = (nextSlot + 1) % slotCount;
            long offset = (slot - currentVisit % slotCount + slotCount) % slotCount;
            // First tick one interval after the stream starts, as Coder's ticker does.
            stream.firstDue(visitNanos(currentVisit + offset + slotCount));
            slots.get(slot).add(stream);
        }
    }
}
