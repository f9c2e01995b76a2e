package dev.scaletest.simulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.SimulatorStats;
import dev.scaletest.simulator.state.Deployment;
import dev.scaletest.simulator.wire.ApiException;
import dev.scaletest.simulator.wire.CoderJson;
import dev.scaletest.simulator.wire.GoTime;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Routes one aggregated HTTP request: {@code /sim/stats}, coderd's {@code /api/v2} routes and app
 * paths. Faults (latency, stall, 503, 429) are applied before the route runs, then coderd's rate
 * limiters; delays are timers on the channel's event loop, never sleeps. With
 * {@link Faults#http5xxAfterAction()} the injected 5xx is a 500 sent instead of the answer of a
 * route that has already run.
 */
public final class ApiHandler extends ChannelInboundHandlerAdapter {
    private static final String API_PREFIX = "/api/v2";
    private static final String SIGNED_OUT = "You are signed out or your session has expired. Please sign in again to continue.";

    private final List<Route> routes;
    private final Deployment deployment;
    private final AgentRouting agentRouting;
    private final ObjectMapper mapper;
    private final SimulatorStats stats;
    private final Supplier<Faults> faults;
    private final StallClock stall;
    private final RateLimitGate rateLimits;

    public ApiHandler(List<Route> routes, Deployment deployment, AgentRouting agentRouting, ObjectMapper mapper,
                      SimulatorStats stats, Supplier<Faults> faults, StallClock stall, RateLimitGate rateLimits) {
        this.routes = routes;
        this.deployment = deployment;
        this.agentRouting = agentRouting;
        this.mapper = mapper;
        this.stats = stats;
        this.faults = faults;
        this.stall = stall;
        this.rateLimits = rateLimits;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        stats.requests.increment();
        if (!request.decoderResult().isSuccess()) {
            try {
                send(ctx, request, new Reply.Json(400, new CoderJson.Response("Malformed HTTP request.", null, null)));
            } finally {
                request.release();
            }
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        if (path.equals("/sim/stats")) {
            try {
                send(ctx, request, new Reply.Json(200, StatsJson.of(deployment.counts(), stats)));
            } finally {
                request.release();
            }
            return;
        }
        String routeName;
        Route.Handler handler;
        boolean authenticated;
        Map<String, String> params = Map.of();
        if (path.startsWith("/@")) {
            routeName = AgentRouting.APP_ROUTE;
            authenticated = true;
            List<String> segments = Arrays.asList(path.substring(2).split("/", -1));
            String rawQuery = request.uri().contains("?") ? request.uri().substring(request.uri().indexOf('?') + 1) : "";
            handler = call -> agentRouting.app(call.caller(), path, rawQuery, segments);
        } else {
            RouteMatch match = match(request.method().name(), path);
            routeName = match.route == null ? "" : match.route.name();
            handler = match.route == null ? match.failure : match.route.handler();
            authenticated = match.route != null && match.route.authenticated();
            params = match.params;
        }
        ApiCall call = new ApiCall(ctx, request, routeName, params, uri.parameters(), null, mapper);
        long delay = latencyNanos(routeName) + stall.remainingNanos();
        if (delay > 0) {
            ctx.executor().schedule(() -> process(call, path, handler, authenticated), delay, TimeUnit.NANOSECONDS);
        } else {
            process(call, path, handler, authenticated);
        }
    }

    private long latencyNanos(String routeName) {
        Map<String, Duration> latency = faults.get().endpointLatency();
        if (latency.isEmpty()) {
            return 0;
        }
        Duration specific = latency.get(routeName);
        Duration all = latency.get("*");
        return (specific != null ? specific.toNanos() : 0) + (all != null ? all.toNanos() : 0);
    }

    /**
     * After the simulator's own faults, coderd's middleware order: the API key is looked up without
     * refusing anything (coderd's precheck), the rate limiters rate the request by that key, then an
     * authenticated route refuses a missing or unknown key, then the route runs.
     */
    private void process(ApiCall call, String path, Route.Handler handler, boolean authenticated) {
        ChannelHandlerContext ctx = call.ctx();
        FullHttpRequest request = call.request();
        Map<String, String> limitHeaders = Map.of();
        try {
            if (!ctx.channel().isActive()) {
                return;
            }
            Faults current = faults.get();
            Reply fault = injectedFault(current);
            if (fault != null) {
                send(ctx, request, fault, limitHeaders);
                return;
            }
            String token = SessionToken.find(request, call.query());
            UUID user = token == null ? null : deployment.userForToken(token).orElse(null);
            boolean bypass = RateLimitGate.bypassRequested(request);
            boolean siteOwner = false;
            if (bypass && user != null) {
                siteOwner = deployment.isSiteOwner(user);
                if (!siteOwner) {
                    stats.nonOwnerBypassHeaders.increment();
                }
            }
            if (rateLimits.active()) {
                RateLimitGate.Verdict verdict = rateLimits.check(
                        new RateLimitGate.Caller(user, siteOwner, bypass, RateLimitGate.clientIp(ctx.channel().remoteAddress())),
                        path, isApiLimited(path), CoderRoutes.LOGIN_ROUTE.equals(call.routeName()));
                limitHeaders = verdict.headers();
                if (verdict.refusal() != null) {
                    send(ctx, request, verdict.refusal(), limitHeaders);
                    return;
                }
            }
            if (authenticated && user == null) {
                throw token == null
                        ? new ApiException(401, SIGNED_OUT, "Cookie \"coder_session_token\" or query parameter must be provided.", null)
                        : new ApiException(401, SIGNED_OUT, deployment.expiredAt(token)
                                .map(at -> "API key expired at \"" + GoTime.string(at) + "\".")
                                .orElse("The session token is invalid or has been deleted."), null);
            }
            ApiCall routed = new ApiCall(ctx, request, call.routeName(), call.pathParams(), call.query(), user, mapper);
            Reply reply = handler.handle(routed);
            if (reply instanceof Reply.TakeOver takeOver) {
                // The stream endpoint writes its own handshake answer; the limiters' headers stay off it.
                takeOver.action().accept(ctx, request);
            } else if (current.http5xxAfterAction() && injects5xx(current)) {
                send(ctx, request, new Reply.Json(500, new CoderJson.Response("Internal error.",
                        "fault injected by the simulator after the action (http 5xx rate)", null)), limitHeaders);
            } else {
                send(ctx, request, reply, limitHeaders);
            }
        } catch (ApiException e) {
            send(ctx, request, new Reply.Json(e.status(), e.body()), limitHeaders);
        } catch (RuntimeException e) {
            send(ctx, request, new Reply.Json(500, new CoderJson.Response("Internal error.", String.valueOf(e), null)), limitHeaders);
        } finally {
            request.release();
        }
    }

    /** coderd's API limiter sits on {@code /api/v2} (every route below it, known or not) and on the app routes. */
    private static boolean isApiLimited(String path) {
        return path.startsWith("/@") || path.equals(API_PREFIX) || path.startsWith(API_PREFIX + "/");
    }

    /** The fault answered before the route runs: a 503 (unless 5xx come after the action) or a 429. */
    private Reply injectedFault(Faults current) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (!current.http5xxAfterAction() && injects5xx(current)) {
            return new Reply.Json(503, new CoderJson.Response("Service unavailable.",
                    "fault injected by the simulator (http 5xx rate)", null));
        }
        if (current.http429Rate() > 0 && random.nextDouble() < current.http429Rate()) {
            stats.faultsInjected.increment();
            long seconds = Math.max(1, (current.retryAfter().toMillis() + 999) / 1000);
            return new Reply.Json(429, new CoderJson.Response("You've been rate limited for sending more than allowed requests.",
                    "fault injected by the simulator (http 429 rate)", null), Map.of("Retry-After", Long.toString(seconds)));
        }
        return null;
    }

    /** Whether this request gets the injected 5xx; counted as injected when it does. */
    private boolean injects5xx(Faults current) {
        if (current.http5xxRate() > 0 && ThreadLocalRandom.current().nextDouble() < current.http5xxRate()) {
            stats.faultsInjected.increment();
            return true;
        }
        return false;
    }

    private record RouteMatch(Route route, Map<String, String> params, Route.Handler failure) {
    }

    private RouteMatch match(String method, String path) {
        if (!path.startsWith(API_PREFIX + "/")) {
            return new RouteMatch(null, Map.of(), notFound());
        }
        List<String> segments = Arrays.stream(path.substring(API_PREFIX.length()).split("/"))
                .filter(s -> !s.isEmpty()).map(s -> QueryStringDecoder.decodeComponent(s)).toList();
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> params = route.match(segments);
            if (params != null) {
                if (route.method().equals(method)) {
                    return new RouteMatch(route, params, null);
                }
                pathKnown = true;
            }
        }
        if (pathKnown) {
            return new RouteMatch(null, Map.of(), call -> {
                throw new ApiException(405, "Method not allowed.");
            });
        }
        return new RouteMatch(null, Map.of(), notFound());
    }

    private static Route.Handler notFound() {
        return call -> {
            throw new ApiException(404, "Route not found.");
        };
    }

    private void send(ChannelHandlerContext ctx, FullHttpRequest request, Reply reply) {
        send(ctx, request, reply, Map.of());
    }

    /** Sends the reply; {@code extraHeaders} (the rate limiters') go first, so the reply's own win. */
    private void send(ChannelHandlerContext ctx, FullHttpRequest request, Reply reply, Map<String, String> extraHeaders) {
        FullHttpResponse response;
        if (reply instanceof Reply.Text text) {
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(text.status()),
                    Unpooled.wrappedBuffer(text.body().getBytes(StandardCharsets.UTF_8)));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, text.contentType());
            text.headers().forEach((k, v) -> response.headers().set(k, v));
        } else if (reply instanceof Reply.Empty empty) {
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(empty.status()));
        } else if (reply instanceof Reply.Redirect redirect) {
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(redirect.status()));
            response.headers().set(HttpHeaderNames.LOCATION, redirect.location());
        } else if (reply instanceof Reply.Json json) {
            byte[] body;
            try {
                body = mapper.writeValueAsBytes(json.body());
            } catch (JsonProcessingException e) {
                body = ("{\"message\":\"Internal error.\",\"detail\":\"cannot render response\"}").getBytes(StandardCharsets.UTF_8);
            }
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(json.status()),
                    Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
            json.headers().forEach((k, v) -> response.headers().set(k, v));
        } else {
            throw new IllegalStateException("a stream take-over cannot be sent as a response");
        }
        extraHeaders.forEach((k, v) -> {
            if (!response.headers().contains(k)) {
                response.headers().set(k, v);
            }
        });
        response.headers().set("X-Coder-Build-Version", CoderRoutes.VERSION);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
