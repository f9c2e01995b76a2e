package dev.scaletest.metrics;

import java.util.concurrent.atomic.LongAdder;

/** A monotonically growing total ({@code traffic.bytes_written}); adding never blocks. */
public final class EventCounter {
    private final String name;
    private final LongAdder total = new LongAdder();

    EventCounter(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void add(long amount) {
        total.add(amount);
    }

    public void increment() {
        total.increment();
    }

    public long total() {
        return total.sum();
    }
}
