package dev.scaletest.scenarios.prometheus;

import dev.scaletest.harness.GoDuration;
import java.io.PrintStream;
import java.time.Duration;

/**
 * {@code --scaletest-prometheus-wait}: before exiting, give Prometheus time for a last scrape, with
 * Coder's message.
 */
public final class ScrapeWait {
    /** How the wait sleeps; tests pass one that records instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final PrintStream stderr;
    private final Sleeper sleeper;

    public ScrapeWait(PrintStream stderr) {
        this(stderr, d -> Thread.sleep(d));
    }

    public ScrapeWait(PrintStream stderr, Sleeper sleeper) {
        this.stderr = stderr;
        this.sleeper = sleeper;
    }

    public void await(Duration wait) throws InterruptedException {
        stderr.println("Waiting " + GoDuration.format(wait) + " for prometheus metrics to be scraped");
        stderr.flush();
        if (wait.isPositive()) {
            sleeper.sleep(wait);
        }
    }
}
