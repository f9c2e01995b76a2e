package dev.scaletest.simulator.terminal;

import dev.scaletest.simulator.SimulatorStats;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The drop fault: once a second each registered connection is cut with the configured
 * probability. One periodic task serves every connection, started on the first registration's
 * timer (an event loop or the SSH server's scheduler).
 */
public final class ConnectionDropper implements AutoCloseable {

    /** Ends a registration; the connection is no longer a drop candidate. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private static final Registration NONE = () -> {};

    private final double ratePerSecond;
    private final SimulatorStats stats;
    private final Set<Runnable> cuts = ConcurrentHashMap.newKeySet();
    private final AtomicReference<ScheduledFuture<?>> ticker = new AtomicReference<>();

    public ConnectionDropper(double ratePerSecond, SimulatorStats stats) {
        if (ratePerSecond < 0 || ratePerSecond > 1) {
            throw new IllegalArgumentException("drop rate must be within [0,1]: " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.stats = stats;
    }

    /**
     * Makes a connection a drop candidate; {@code cut} closes it abruptly and may run on the timer
     * thread. A no-op when the rate is 0.
     */
    public Registration register(Runnable cut, ScheduledExecutorService timer) {
        if (ratePerSecond == 0) {
            return NONE;
        }
        // A wrapper gives each registration its own identity even when the same cut is reused.
        Runnable entry = cut::run;
        cuts.add(entry);
        if (ticker.get() == null) {
            ScheduledFuture<?> started = timer.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
            if (!ticker.compareAndSet(null, started)) {
                started.cancel(false);
            }
        }
        return () -> cuts.remove(entry);
    }

    private void tick() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (Runnable cut : cuts) {
            if (random.nextDouble() < ratePerSecond && cuts.remove(cut)) {
                stats.faultsInjected.increment();
                stats.streamsDropped.increment();
                cut.run();
            }
        }
    }

    @Override
    public void close() {
        ScheduledFuture<?> running = ticker.getAndSet(null);
        if (running != null) {
            running.cancel(false);
        }
        cuts.clear();
    }
}
