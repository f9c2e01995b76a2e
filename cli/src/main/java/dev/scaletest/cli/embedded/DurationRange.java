package dev.scaletest.cli.embedded;

import dev.scaletest.harness.GoDuration;
import dev.scaletest.scenarios.ConfigException;

import java.time.Duration;

/** A duration drawn uniformly from {@code [min, max]}; written {@code 200ms..400ms} or a single {@code 300ms}. */
public record DurationRange(Duration min, Duration max) {

    public static DurationRange fixed(Duration duration) {
        return new DurationRange(duration, duration);
    }

    public static DurationRange parse(String flag, String text) {
        String value = text.trim();
        int dots = value.indexOf("..");
        Duration min = duration(flag, text, dots < 0 ? value : value.substring(0, dots).trim());
        Duration max = dots < 0 ? min : duration(flag, text, value.substring(dots + 2).trim());
        check(flag, min, max, text);
        return new DurationRange(min, max);
    }

    private static Duration duration(String flag, String whole, String part) {
        try {
            return GoDuration.parse(part);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(flag + " \"" + whole + "\": " + e.getMessage() + " (write 200ms..400ms or 300ms)");
        }
    }

    private static void check(String flag, Duration min, Duration max, String text) {
        if (min.isNegative() || max.isNegative()) {
            throw new ConfigException(flag + " \"" + text + "\" must not be negative");
        }
        if (max.compareTo(min) < 0) {
            throw new ConfigException(flag + " \"" + text + "\": the upper bound is below the lower bound");
        }
    }

    @Override
    public String toString() {
        return min.equals(max) ? GoDuration.format(min) : GoDuration.format(min) + ".." + GoDuration.format(max);
    }
}
