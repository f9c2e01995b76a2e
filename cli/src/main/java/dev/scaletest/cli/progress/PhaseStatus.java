package dev.scaletest.cli.progress;

import java.time.Duration;
import java.util.Optional;

/** What a display shows for a phase: the counts, the finishing rate so far and the time left at that rate. */
public record PhaseStatus(String phase, PhaseCounts counts, Duration elapsed, double perSecond, Optional<Duration> eta, boolean finished) {

    static PhaseStatus of(String phase, PhaseCounts counts, Duration elapsed, boolean finished) {
        double seconds = elapsed.toNanos() / 1e9;
        double rate = seconds > 0 ? counts.done() / seconds : 0;
        Optional<Duration> eta = rate > 0
                ? Optional.of(Duration.ofSeconds(Math.round(counts.remaining() / rate)))
                : Optional.empty();
        return new PhaseStatus(phase, counts, elapsed, rate, eta, finished);
    }
}
