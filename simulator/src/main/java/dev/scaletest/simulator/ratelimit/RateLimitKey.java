package dev.scaletest.simulator.ratelimit;

/** What coderd's rate limiters count requests by, besides the endpoint path. */
public enum RateLimitKey {
    /**
     * Today's coderd (since coder/coder#22049, February 2026): the API key is checked before the
     * limiters, so an authenticated request counts against its user and an owner may bypass the
     * limits with {@code X-Coder-Bypass-Ratelimit}; other requests count against the client IP.
     */
    USER,
    /**
     * Releases before coder/coder#22049: the limiters ran before the API key was known, so every
     * request counted against the client IP and the bypass header was ignored, even an owner's.
     */
    IP
}
