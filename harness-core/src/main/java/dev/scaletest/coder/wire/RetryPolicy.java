package dev.scaletest.coder.wire;

import java.time.Duration;
import java.util.Set;

/**
 * When and how long to retry a Coder API call.
 *
 * <p><b>Failures</b> ({@link #retryStatuses}, connection failures): idempotent methods (GET, PUT,
 * DELETE, HEAD) are retried up to {@link #maxAttempts} attempts. POST and PATCH are not: after a
 * 5xx or a dropped connection it is unknown whether coderd already created the user, workspace or
 * build, and a blind retry could create it twice (creating calls that can look up what they made
 * are repeated by {@link CoderCall#create} instead). The delay before retry {@code n}
 * (1-based) is {@code Retry-After} when the response carries one (capped at {@link #maxDelay}),
 * otherwise an exponential backoff {@code base * 2^(n-1)} capped at {@code maxDelay}, of which the
 * upper half is randomised ("equal jitter") so many runs retrying together spread out.
 *
 * <p><b>Rate limiting</b> (429): coderd's limiter refuses the request before any handler runs, so
 * every method, POST included, is sent again. Its {@code Retry-After} is the limiter's window (60 s)
 * and is waited out in full, plus a random spread of up to {@value #THROTTLE_SPREAD} of it, so a
 * thousand runs throttled together do not all return in the same instant. Without a
 * {@code Retry-After} the backoff above applies. A call keeps waiting as long as its pauses for 429
 * add up to no more than {@link #throttleBudget}; the run's own deadline ends a pause earlier (it
 * interrupts the run). 429 pauses do not count against {@code maxAttempts}.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Set<Integer> retryStatuses,
        Duration throttleBudget) {

    /** coderd's answer to a client over its rate limit. */
    public static final int TOO_MANY_REQUESTS = 429;

    /**
     * A 500 too: coderd answers it for failures inside (a database timeout under load) that may be
     * gone a moment later, and only idempotent calls are repeated on it.
     */
    public static final Set<Integer> DEFAULT_STATUSES = Set.of(500, 502, 503, 504);

    /** How long one call may wait on 429s in all before it fails with the last one. */
    public static final Duration DEFAULT_THROTTLE_BUDGET = Duration.ofMinutes(5);

    /** The largest extra wait after a {@code Retry-After}, as a share of it. */
    public static final double THROTTLE_SPREAD = 0.1;

    /** 4 attempts, 250 ms base, 10 s cap; 429s waited out for up to 5 minutes per call. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(10), DEFAULT_STATUSES,
            DEFAULT_THROTTLE_BUDGET);

    /** One attempt, never retried, not even on 429. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Set.of(), Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.isNegative() || throttleBudget.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
        if (retryStatuses.contains(TOO_MANY_REQUESTS)) {
            throw new IllegalArgumentException("429 is retried by the throttle budget, not as a failure status");
        }
        retryStatuses = Set.copyOf(retryStatuses);
    }

    /** Waits for a retry delay; tests replace it to avoid real sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration delay) throws InterruptedException;

        Sleeper REAL = delay -> Thread.sleep(delay);
    }

    public static boolean idempotent(String method) {
        return switch (method) {
            case "GET", "PUT", "DELETE", "HEAD" -> true;
            default -> false;
        };
    }

    /** Whether a failure response {@code status} to {@code method}, the {@code failures}-th of the call, is retried. */
    public boolean retryStatus(String method, int status, int failures) {
        return failures < maxAttempts && retryStatuses.contains(status) && idempotent(method);
    }

    /** Whether a connection failure of {@code method}, the {@code failures}-th of the call, is retried. */
    public boolean retryConnectFailure(String method, int failures) {
        return failures < maxAttempts && idempotent(method);
    }

    /**
     * The pause before the next attempt after the {@code failures}-th failure.
     *
     * @param retryAfter the server's {@code Retry-After} delay, or null
     * @param jitter a number in [0, 1] that picks the point in the jitter window
     */
    public Duration delay(int failures, Duration retryAfter, double jitter) {
        if (retryAfter != null) {
            return min(retryAfter.isNegative() ? Duration.ZERO : retryAfter, maxDelay);
        }
        return backoff(failures, jitter);
    }

    /**
     * The pause after the {@code throttled}-th 429 of a call: its {@code Retry-After} in full plus a
     * spread of {@code jitter * THROTTLE_SPREAD} of it, or the backoff when it named no delay.
     */
    public Duration throttlePause(int throttled, Duration retryAfter, double jitter) {
        if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
            return backoff(throttled, jitter);
        }
        return retryAfter.plusNanos((long) (retryAfter.toNanos() * THROTTLE_SPREAD * jitter));
    }

    /** Whether a call that already waited {@code waited} on 429s may wait {@code pause} more. */
    public boolean throttleAllows(Duration waited, Duration pause) {
        return !throttleBudget.isZero() && waited.plus(pause).compareTo(throttleBudget) <= 0;
    }

    private Duration backoff(int n, double jitter) {
        int shift = Math.min(Math.max(n - 1, 0), 30);
        Duration backoff = min(baseDelay.multipliedBy(1L << shift), maxDelay);
        long half = backoff.toNanos() / 2;
        return Duration.ofNanos(backoff.toNanos() - half + (long) (half * jitter));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
