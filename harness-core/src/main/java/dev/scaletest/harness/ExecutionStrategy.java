package dev.scaletest.harness;

import java.time.Duration;
import java.util.Optional;

/**
 * How a phase runs its jobs, as Coder's strategies: {@code maxConcurrency} 1 is linear (in
 * registration order), 0 unbounded, N at most N at a time; a positive {@code jobTimeout} gives every
 * job its own deadline counted from when it actually starts (after getting its slot). An
 * {@code arrivalRate} starts jobs by the clock instead of as fast as slots free up; a concurrency
 * bound still applies, and starts it delays are reported as late.
 */
public record ExecutionStrategy(int maxConcurrency, Duration jobTimeout, Optional<ArrivalRate> arrivalRate) {

    public ExecutionStrategy {
        if (maxConcurrency < 0) {
            throw new IllegalArgumentException("concurrency must be 0 (unlimited) or positive, got " + maxConcurrency);
        }
        if (jobTimeout == null) {
            jobTimeout = Duration.ZERO;
        }
        if (jobTimeout.isNegative()) {
            throw new IllegalArgumentException("job timeout must not be negative, got " + GoDuration.format(jobTimeout));
        }
        arrivalRate = arrivalRate == null ? Optional.empty() : arrivalRate;
    }

    public static ExecutionStrategy linear() {
        return new ExecutionStrategy(1, Duration.ZERO, Optional.empty());
    }

    public static ExecutionStrategy unbounded() {
        return new ExecutionStrategy(0, Duration.ZERO, Optional.empty());
    }

    public static ExecutionStrategy atMost(int concurrency) {
        return new ExecutionStrategy(concurrency, Duration.ZERO, Optional.empty());
    }

    public static ExecutionStrategy arrivals(ArrivalRate rate, int maxConcurrency) {
        return new ExecutionStrategy(maxConcurrency, Duration.ZERO, Optional.of(rate));
    }

    public ExecutionStrategy withJobTimeout(Duration timeout) {
        return new ExecutionStrategy(maxConcurrency, timeout, arrivalRate);
    }

    public boolean unlimited() {
        return maxConcurrency == 0;
    }

    /** One line for logs: {@code linear}, {@code at most 10 at a time, job timeout 5m0s}, ... */
    public String describe() {
        StringBuilder out = new StringBuilder();
        arrivalRate.ifPresent(rate -> out.append("arrivals at ").append(rate.describe()).append(", "));
        out.append(switch (maxConcurrency) {
            case 0 -> "unbounded";
            case 1 -> arrivalRate.isPresent() ? "at most 1 at a time" : "linear";
            default -> "at most " + maxConcurrency + " at a time";
        });
        if (!jobTimeout.isZero()) {
            out.append(", job timeout ").append(GoDuration.format(jobTimeout));
        }
        return out.toString();
    }
}
