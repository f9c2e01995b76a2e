package dev.scaletest.harness;

import java.time.Duration;
import java.util.Optional;

/**
 * Builds an {@link ExecutionStrategy} from the CLI's flag values and rejects bad values with a
 * message naming the flag. {@link #runPhase()} speaks of {@code --concurrency}, {@code --job-timeout},
 * {@code --rate}, {@code --ramp-up}, {@code --timeout}; {@link #cleanupPhase()} of their
 * {@code --cleanup-} twins.
 */
public final class StrategyFactory {
    private final String prefix;

    private StrategyFactory(String prefix) {
        this.prefix = prefix;
    }

    public static StrategyFactory runPhase() {
        return new StrategyFactory("--");
    }

    public static StrategyFactory cleanupPhase() {
        return new StrategyFactory("--cleanup-");
    }

    /**
     * @param concurrency 1 linear, 0 unlimited, N at most N
     * @param jobTimeout per-job deadline, 0 for none
     * @param rate null or blank for none, else {@code N/s}, {@code N/m}, {@code N/h} or a bare N per second
     * @param rampUp null or 0 for none; needs a rate
     */
    public ExecutionStrategy build(int concurrency, Duration jobTimeout, String rate, Duration rampUp) {
        if (concurrency < 0) {
            throw new IllegalArgumentException(
                    flag("concurrency") + " must be 0 (unlimited) or positive, got " + concurrency);
        }
        Duration timeout = jobTimeout == null ? Duration.ZERO : jobTimeout;
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(
                    flag("job-timeout") + " must be 0 (none) or positive, got " + GoDuration.format(timeout));
        }
        Duration ramp = rampUp == null ? Duration.ZERO : rampUp;
        if (ramp.isNegative()) {
            throw new IllegalArgumentException(
                    flag("ramp-up") + " must be 0 (none) or positive, got " + GoDuration.format(ramp));
        }
        boolean hasRate = rate != null && !rate.isBlank();
        if (!hasRate && !ramp.isZero()) {
            throw new IllegalArgumentException(flag("ramp-up") + " needs " + flag("rate"));
        }
        Optional<ArrivalRate> arrivals = hasRate
                ? Optional.of(new ArrivalRate(parseRate(rate.strip()), ramp))
                : Optional.empty();
        return new ExecutionStrategy(concurrency, timeout, arrivals);
    }

    /** Checks a whole-phase timeout flag (0 = none). */
    public Duration phaseTimeout(Duration timeout) {
        Duration value = timeout == null ? Duration.ZERO : timeout;
        if (value.isNegative()) {
            throw new IllegalArgumentException(
                    flag("timeout") + " must be 0 (none) or positive, got " + GoDuration.format(value));
        }
        return value;
    }

    /** Starts per second from {@code N/s}, {@code N/m}, {@code N/h} or {@code N}. */
    public double parseRate(String rate) {
        String number = rate;
        double perUnitSeconds = 1;
        int slash = rate.indexOf('/');
        if (slash >= 0) {
            number = rate.substring(0, slash);
            perUnitSeconds = switch (rate.substring(slash + 1)) {
                case "s" -> 1;
                case "m" -> 60;
                case "h" -> 3600;
                default -> throw badRate(rate);
            };
        }
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw badRate(rate);
        }
        if (Double.isNaN(value) || Double.isInfinite(value) || number.isBlank()) {
            throw badRate(rate);
        }
        if (value <= 0) {
            throw new IllegalArgumentException(flag("rate") + " must be positive, got " + rate);
        }
        return value / perUnitSeconds;
    }

    private IllegalArgumentException badRate(String rate) {
        return new IllegalArgumentException(
                flag("rate") + " must look like N/s, N/m or N/h (e.g. 20/s), got \"" + rate + "\"");
    }

    private String flag(String name) {
        return prefix + name;
    }
}
