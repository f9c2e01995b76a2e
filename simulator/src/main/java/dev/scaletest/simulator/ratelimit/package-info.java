/**
 * coderd's request rate limits: the limits in force ({@code RateLimits}), what requests are
 * counted by ({@code RateLimitKey}) and go-chi/httprate's sliding-window counter
 * ({@code SlidingWindowLimiter}) with its per-request outcome ({@code LimitDecision}).
 *
 * <p>May import no other {@code dev.scaletest} package and no library: the API layer applies it.
 */
package dev.scaletest.simulator.ratelimit;
