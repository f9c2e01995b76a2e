package dev.scaletest.simulator.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * coderd's request limits. {@code apiPerWindow} is coderd's {@code --api-rate-limit} (its default is
 * 512; it applies to {@code /api/v2}, path apps and the web terminal); {@code loginPerWindow} is
 * coderd's login limit (60, no flag; it applies to {@code POST /api/v2/users/login} on top of the API
 * limit). A limit of 0 or less turns that limiter off, as a negative {@code --api-rate-limit} does in
 * coderd. coderd's window is one minute.
 */
public record RateLimits(int apiPerWindow, int loginPerWindow, Duration window, RateLimitKey key) {
    public static final Duration CODERD_WINDOW = Duration.ofMinutes(1);

    public RateLimits {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(key, "key");
        if (window.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the rate-limit window must be at least 1s, got " + window);
        }
        apiPerWindow = Math.max(0, apiPerWindow);
        loginPerWindow = Math.max(0, loginPerWindow);
    }

    /** No limits, as Coder's own scale-test deployments run ({@code --dangerous-disable-rate-limits}). */
    public static RateLimits off() {
        return new RateLimits(0, 0, CODERD_WINDOW, RateLimitKey.USER);
    }

    /** Per-minute limits keyed the way today's coderd keys them. */
    public static RateLimits perMinute(int api, int login) {
        return new RateLimits(api, login, CODERD_WINDOW, RateLimitKey.USER);
    }

    public RateLimits keyedBy(RateLimitKey newKey) {
        return new RateLimits(apiPerWindow, loginPerWindow, window, newKey);
    }

    public boolean apiLimited() {
        return apiPerWindow > 0;
    }

    public boolean loginLimited() {
        return loginPerWindow > 0;
    }

    public boolean any() {
        return apiLimited() || loginLimited();
    }
}
