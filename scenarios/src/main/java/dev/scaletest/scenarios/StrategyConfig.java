package dev.scaletest.scenarios;

import dev.scaletest.harness.GoDuration;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How runs of one phase are started: at most {@code concurrency} at once (1 = one after another,
 * 0 = unlimited), the whole phase bounded by {@code timeout} and each run by {@code jobTimeout}
 * (zero = no deadline). Optionally paced: {@code ratePerSecond} starts per second, reached over
 * {@code rampUp}. The cleanup twin uses the same record without rate and ramp-up.
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
    public dev.scaletest.harness.ExecutionStrategy toExecutionStrategy() {
        java.util.Optional<dev.scaletest.harness.ArrivalRate> rate = ratePerSecond.isPresent()
                ? java.util.Optional.of(new dev.scaletest.harness.ArrivalRate(ratePerSecond.getAsDouble(), rampUp))
                : java.util.Optional.empty();
        return new dev.scaletest.harness.ExecutionStrategy(concurrency, jobTimeout, rate);
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
        if (ratePerSecond.isPresent() && !(ratePerSecond.getAsDouble() > 0)) {
            throw new ConfigException("--rate must be greater than 0");
        }
        if (rampUp.isNegative()) {
            throw new ConfigException("--ramp-up must not be negative, got " + GoDuration.format(rampUp));
        }
        if (!rampUp.isZero() && ratePerSecond.isEmpty()) {
            throw new ConfigException("--ramp-up needs --rate: it ramps the start rate up to --rate");
        }
    }
}
