package dev.scaletest.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What a runner gets for one execution: who it is, where to log, and until when it may run. */
public record RunContext(String testName, String id, RunLog log, Optional<Instant> deadline) {

    public String fullId() {
        return testName + "/" + id;
    }

    /** Time left before the deadline (never negative), or empty when there is none. */
    public Optional<Duration> remaining() {
        return deadline.map(d -> {
            Duration left = Duration.between(Instant.now(), d);
            return left.isNegative() ? Duration.ZERO : left;
        });
    }
}
