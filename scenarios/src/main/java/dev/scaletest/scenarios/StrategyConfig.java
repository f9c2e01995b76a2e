package dev.scaletest.scenarios;

import dev.scaletest.harness.ArrivalRate;
import dev.scaletest.harness.ExecutionStrategy;
import dev.scaletest.harness.GoDuration;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How runs of one phase are started: at most {@code concurrency} at once (1 = one after another,
 * 0 = unlimited), the whole phase bounded by {@code timeout} and each run by {@code jobTimeout}
 * (zero = no deadline). Optionally paced: {@code ratePerSecond} starts per second, reached over
 * {@code rampUp}. The cleanup twin uses the same record without rate and ramp-up.
 *
 * <p>The one builder of a phase's {@link ExecutionStrategy} from the flags ({@link #toExecutionStrategy()});
 * {@link #validate()} words the flags' rules, and the rate's grammar is {@link ArrivalRate}'s.
 *
 * @param flagPrefix "" for the run phase, "cleanup-" for the cleanup phase; used in messages
 */
public record StrategyConfig(
        String flagPrefix,
        int concurrency,
        Duration timeout,
        Duration jobTimeout,
        OptionalDouble ratePerSecond,
        Duration rampUp) {

    public StrategyConfig {
        Objects.requireNonNull(flagPrefix, "flagPrefix");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(jobTimeout, "jobTimeout");
        Objects.requireNonNull(ratePerSecond, "ratePerSecond");
        Objects.requireNonNull(rampUp, "rampUp");
    }

    public static StrategyConfig run(int concurrency, Duration timeout, Duration jobTimeout, OptionalDouble rate, Duration rampUp) {
        return new StrategyConfig("", concurrency, timeout, jobTimeout, rate, rampUp);
    }

    public static StrategyConfig cleanup(int concurrency, Duration timeout, Duration jobTimeout) {
        return new StrategyConfig("cleanup-", concurrency, timeout, jobTimeout, OptionalDouble.empty(), Duration.ZERO);
    }

    /** Coder's defaults: linear, 30m for the phase, 5m per job. */
    public static StrategyConfig defaultCleanup() {
        return cleanup(1, Duration.ofMinutes(30), Duration.ofMinutes(5));
    }

    /** The harness strategy these flags describe. */
    public ExecutionStrategy toExecutionStrategy() {
        Optional<ArrivalRate> rate = ratePerSecond.isPresent()
                ? Optional.of(new ArrivalRate(ratePerSecond.getAsDouble(), rampUp))
                : Optional.empty();
        return new ExecutionStrategy(concurrency, jobTimeout, rate);
    }

    /**
     * The same flags with a job deadline of at least {@code minimum}: a shorter one, or none (0),
     * becomes {@code minimum}.
     */
    public StrategyConfig withJobTimeoutAtLeast(Duration minimum) {
        Duration atLeast = jobTimeout.compareTo(minimum) < 0 ? minimum : jobTimeout;
        return new StrategyConfig(flagPrefix, concurrency, timeout, atLeast, ratePerSecond, rampUp);
    }

    public boolean unlimited() {
        return concurrency == 0;
    }

    public void validate() {
        if (concurrency < 0) {
            throw new ConfigException("--" + flagPrefix + "concurrency must be 0 (unlimited) or more, got " + concurrency);
        }
        if (timeout.isNegative()) {
            throw new ConfigException("--" + flagPrefix + "timeout must not be negative, got " + GoDuration.format(timeout));
        }
        if (jobTimeout.isNegative()) {
            throw new ConfigException("--" + flagPrefix + "job-timeout must not be negative, got " + GoDuration.format(jobTimeout));
        }
        if (rampUp.isNegative()) {
            throw new ConfigException("--ramp-up must not be negative, got " + GoDuration.format(rampUp));
        }
        if (!rampUp.isZero() && ratePerSecond.isEmpty()) {
            throw new ConfigException("--ramp-up needs --rate: it ramps the start rate up to --rate");
        }
        try {
            toExecutionStrategy();
        } catch (IllegalArgumentException e) {
            // The rate's rule is ArrivalRate's (--rate's converter already applied it): asked here
            // so that a config built another way fails as bad input, not later in the run.
            throw new ConfigException("--rate: " + e.getMessage());
        }
    }
}
