package dev.scaletest.simulator.ratelimit;

/**
 * One request's outcome at a {@link SlidingWindowLimiter}, with the values of the headers httprate
 * sets on every response it passes or refuses.
 *
 * @param admitted         false: answer 429 (the request was not counted)
 * @param limit            {@code X-RateLimit-Limit}
 * @param remaining        {@code X-RateLimit-Remaining}
 * @param resetEpochSecond {@code X-RateLimit-Reset}: when the current window ends, Unix seconds
 * @param retryAfterSeconds {@code Retry-After} of a refusal: the window length in whole seconds
 */
public record LimitDecision(boolean admitted, int limit, int remaining, long resetEpochSecond, long retryAfterSeconds) {
}
