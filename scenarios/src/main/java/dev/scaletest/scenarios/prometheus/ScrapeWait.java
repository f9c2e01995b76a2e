package dev.scaletest.scenarios.prometheus;

import dev.scaletest.harness.GoDuration;
import java.time.Duration;
import java.util.function.Consumer;

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

    private final Consumer<String> notice;
    private final Sleeper sleeper;

    /** @param notice where Coder's line goes (stderr in the CLI) */
    public ScrapeWait(Consumer<String> notice) {
        this(notice, d -> Thread.sleep(d));
    }

    public ScrapeWait(Consumer<String> notice, Sleeper sleeper) {
        this.notice = notice;
        this.sleeper = sleeper;
    }

    public void await(Duration wait) throws InterruptedException {
        notice.accept("Waiting " + GoDuration.format(wait) + " for prometheus metrics to be scraped");
        if (wait.isPositive()) {
            sleeper.sleep(wait);
        }
    }
}
