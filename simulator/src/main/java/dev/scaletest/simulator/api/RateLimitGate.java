package dev.scaletest.simulator.api;

import dev.scaletest.simulator.SimulatorStats;
import dev.scaletest.simulator.ratelimit.LimitDecision;
import dev.scaletest.simulator.ratelimit.RateLimitKey;
import dev.scaletest.simulator.ratelimit.RateLimits;
import dev.scaletest.simulator.ratelimit.SlidingWindowLimiter;
import dev.scaletest.simulator.wire.CoderJson;
import dev.scaletest.simulator.wire.GoDuration;
import io.netty.handler.codec.http.HttpRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * coderd's rate limiters in front of the routes ({@code httpmw.RateLimit} on go-chi/httprate): the
 * API limiter on {@code /api/v2} and app paths, then the login limiter on the login route. Each
 * counts per endpoint path and per user when the request carries a valid API key, else per client
 * IP. An owner's {@code X-Coder-Bypass-Ratelimit} request is never limited; anyone else's is
 * refused with 428 before it is counted. With {@link RateLimitKey#IP} every request counts per IP
 * and the header is ignored, as before coder/coder#22049.
 */
public final class RateLimitGate {
    static final String BYPASS_HEADER = "X-Coder-Bypass-Ratelimit";
    /** Go's {@code http.Error} text of the key function's error, with the newline it appends. */
    static final String BYPASS_REFUSAL = "\"" + BYPASS_HEADER + "\" provided but user is not owner\n";
    /** The spellings of true that Go's {@code strconv.ParseBool} accepts. */
    private static final Set<String> GO_TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
    /** Keys tracked per limiter before the least recently used is dropped. */
    private static final int MAX_KEYS = 1 << 18;

    private final SlidingWindowLimiter api;
    private final SlidingWindowLimiter login;
    private final RateLimitKey keying;
    private final SimulatorStats stats;

    /** Who sent a request, as the limiters see it; {@code user} is null without a valid API key. */
    record Caller(UUID user, boolean siteOwner, boolean bypassRequested, String clientIp) {
    }

    /** Pass on with the limiters' headers for the response, or answer with {@code refusal}. */
    record Verdict(Map<String, String> headers, Reply refusal) {
        static final Verdict UNLIMITED = new Verdict(Map.of(), null);
    }

    public RateLimitGate(RateLimits limits, InstantSource clock, SimulatorStats stats) {
        this.api = limits.apiLimited() ? new SlidingWindowLimiter(limits.apiPerWindow(), limits.window(), clock, MAX_KEYS) : null;
        this.login = limits.loginLimited()
                ? new SlidingWindowLimiter(limits.loginPerWindow(), limits.window(), clock, MAX_KEYS) : null;
        this.keying = limits.key();
        this.stats = stats;
    }

    /** False when no limiter is on: the request path then skips the gate altogether. */
    boolean active() {
        return api != null || login != null;
    }

    /** True when the request asks to bypass the limits ({@code X-Coder-Bypass-Ratelimit} parses as true in Go). */
    static boolean bypassRequested(HttpRequest request) {
        String value = request.headers().get(BYPASS_HEADER);
        return value != null && GO_TRUE.contains(value);
    }

    /**
     * Rates one request. {@code apiRoute}: under {@code /api/v2} or an app path; {@code loginRoute}:
     * the login endpoint, which also meets the login limiter.
     */
    Verdict check(Caller caller, String path, boolean apiRoute, boolean loginRoute) {
        boolean byApi = apiRoute && api != null;
        boolean byLogin = loginRoute && login != null;
        if (!byApi && !byLogin) {
            return Verdict.UNLIMITED;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (byApi) {
            Reply refusal = apply(api, caller, path, headers, stats.rateLimitedApi);
            if (refusal != null) {
                return new Verdict(headers, refusal);
            }
        }
        if (byLogin) {
            Reply refusal = apply(login, caller, path, headers, stats.rateLimitedLogin);
            if (refusal != null) {
                return new Verdict(headers, refusal);
            }
        }
        return new Verdict(headers, null);
    }

    private Reply apply(SlidingWindowLimiter limiter, Caller caller, String path, Map<String, String> headers,
                        LongAdder refusedCounter) {
        LimitDecision decision;
        if (keying == RateLimitKey.IP || caller.user() == null) {
            decision = limiter.admit(caller.clientIp() + ":" + path + ":");
        } else if (!caller.bypassRequested()) {
            decision = limiter.admit(caller.user() + ":" + path + ":");
        } else if (caller.siteOwner()) {
            decision = limiter.admitFreshKey();
        } else {
            // The key function fails before httprate sets any header of its own.
            stats.bypassRefused.increment();
            return new Reply.Text(428, "text/plain; charset=utf-8", BYPASS_REFUSAL,
                    Map.of("X-Content-Type-Options", "nosniff"));
        }
        headers.put("X-RateLimit-Limit", Integer.toString(decision.limit()));
        headers.put("X-RateLimit-Reset", Long.toString(decision.resetEpochSecond()));
        headers.put("X-RateLimit-Remaining", Integer.toString(decision.remaining()));
        if (decision.admitted()) {
            return null;
        }
        refusedCounter.increment();
        headers.put("Retry-After", Long.toString(decision.retryAfterSeconds()));
        // The OpenAPI file lists no 429 for any operation; coderd's middleware answers it on every
        // limited route with a codersdk.Response.
        return new Reply.Json(429, new CoderJson.Response("You've been rate limited for sending more than "
                + limiter.limit() + " requests in " + GoDuration.format(limiter.window()) + ".", null, null), Map.copyOf(headers));
    }

    /** httprate's {@code KeyByIP}: the IPv4 address, or the /64 prefix of an IPv6 address. */
    static String clientIp(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            return String.valueOf(remote);
        }
        InetAddress address = socket.getAddress();
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        for (int i = 8; i < bytes.length; i++) {
            bytes[i] = 0;
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return address.getHostAddress();
        }
    }
}
