package dev.scaletest.coder.wire;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The headers scaletest and coderd exchange, named as in Coder's {@code codersdk}: how a session
 * token travels (header on REST calls and apps, cookie on coderd's WebSocket routes, as Coder's
 * client sends them), the owner's rate-limit bypass, the user agent, and the server's
 * {@code Retry-After}.
 */
public final class CoderHeaders {
    /** {@code codersdk.SessionTokenHeader}: the session token on REST calls and app WebSockets. */
    public static final String SESSION_TOKEN = "Coder-Session-Token";

    /** {@code codersdk.SessionTokenCookie}: the cookie carrying the session token. */
    public static final String SESSION_COOKIE = "coder_session_token";

    /** {@code codersdk.BypassRatelimitHeader}: honoured for site owners only; anyone else gets 428. */
    public static final String BYPASS_RATELIMIT = "X-Coder-Bypass-Ratelimit";

    /** The user agent when the application names no version. */
    public static final String DEFAULT_USER_AGENT = "scaletest/dev";

    private CoderHeaders() {}

    /** The value of a {@code Cookie} header carrying {@code token}, as Coder's client dials the web terminal. */
    public static String sessionCookie(String token) {
        return SESSION_COOKIE + "=" + token;
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    public static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
