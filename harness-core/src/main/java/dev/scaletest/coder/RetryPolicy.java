package dev.scaletest.coder;

import java.time.Duration;
import java.util.Set;

/**
 * When and how long to retry a Coder API call.
 *
 * <p>Idempotent methods (GET, PUT, DELETE, HEAD) are retried on the {@link #retryStatuses} and on
 * connection failures. POST and PATCH are retried only on 429: a rate-limited request was refused
 * before the handler ran, while a 502/503/504 or a dropped connection leaves it unknown whether
 * coderd already created the user, workspace or build, and a blind retry could create it twice.
 *
 * <p>The delay before retry {@code n} (1-based) is {@code Retry-After} when the response carries
 * one (capped at {@link #maxDelay}), otherwise an exponential backoff {@code base * 2^(n-1)}
 * capped at {@code maxDelay}, of which the upper half is randomised ("equal jitter") so many runs
 * retrying together spread out.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Set<Integer> retryStatuses) {

    public static final Set<Integer> DEFAULT_STATUSES = Set.of(429, 502, 503, 504);

    /** 4 attempts, 250 ms base, 10 s cap. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(10), DEFAULT_STATUSES);

    /** One attempt, never retried. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Set.of());

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
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

    /** Whether a response with {@code status} to {@code method} on attempt {@code attempt} is retried. */
    public boolean retryStatus(String method, int status, int attempt) {
        if (attempt >= maxAttempts || !retryStatuses.contains(status)) {
            return false;
        }
        return idempotent(method) || status == 429;
    }

    /** Whether a connection failure of {@code method} on attempt {@code attempt} is retried. */
    public boolean retryConnectFailure(String method, int attempt) {
        return attempt < maxAttempts && idempotent(method);
    }

    /**
     * The pause before the next attempt after attempt {@code attempt} failed.
     *
     * @param retryAfter the server's {@code Retry-After} delay, or null
     * @param jitter a number in [0, 1] that picks the point in the jitter window
     */
    public Duration delay(int attempt, Duration retryAfter, double jitter) {
        if (retryAfter != null) {
            return min(retryAfter.isNegative() ? Duration.ZERO : retryAfter, maxDelay);
        }
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        Duration backoff = min(baseDelay.multipliedBy(1L << shift), maxDelay);
        long half = backoff.toNanos() / 2;
        return Duration.ofNanos(backoff.toNanos() - half + (long) (half * jitter));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
