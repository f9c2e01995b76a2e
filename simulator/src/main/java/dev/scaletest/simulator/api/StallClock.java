package dev.scaletest.simulator.api;

import dev.scaletest.simulator.Faults;
import java.util.function.Supplier;

/** The stall fault window relative to the simulator's start, read with the current faults. */
public record StallClock(Supplier<Faults> faults, long startNanos) {

    /** Nanoseconds until the stall window closes; 0 when no stall is in effect now. */
    public long remainingNanos() {
        return faults.get().stallRemainingNanos(startNanos, System.nanoTime());
    }
}
