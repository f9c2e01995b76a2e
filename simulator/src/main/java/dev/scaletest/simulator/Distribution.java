package dev.scaletest.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** A duration drawn uniformly from {@code [min, max]}; {@code min == max} is a fixed duration, zero allowed. */
public record Distribution(Duration min, Duration max) {

    public Distribution {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("distribution needs 0 <= min <= max, got " + min + ".." + max);
        }
    }

    public static Distribution fixed(Duration value) {
        return new Distribution(value, value);
    }

    public static Distribution uniform(Duration min, Duration max) {
        return new Distribution(min, max);
    }

    public Duration sample(RandomGenerator random) {
        long lo = min.toNanos();
        long hi = max.toNanos();
        return lo == hi ? min : Duration.ofNanos(lo + random.nextLong(hi - lo + 1));
    }
}
