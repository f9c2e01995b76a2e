package dev.scaletest.simulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.simulator.SimulatorStats;
import dev.scaletest.simulator.state.BuildLogFeed;
import dev.scaletest.simulator.state.Deployment;
import dev.scaletest.simulator.wire.ApiException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

/**
 * {@code GET /workspacebuilds/{id}/logs}: a JSON array without {@code follow}; with it a WebSocket
 * sending one text frame per log with {@code id > after}, live, closed normally once the job ended.
 */
public final class BuildLogRoute {
    private final Deployment deployment;
    private final ObjectMapper mapper;
    private final SimulatorStats stats;
    private final StallClock stall;

    public BuildLogRoute(Deployment deployment, ObjectMapper mapper, SimulatorStats stats, StallClock stall) {
        this.deployment = deployment;
        this.mapper = mapper;
        this.stats = stats;
        this.stall = stall;
    }

    Reply handle(ApiCall call) {
        return serve(call, deployment.logFeed(call.caller(), call.pathUuid("workspacebuild")));
    }

    /** The same stream for a template version dry-run job. */
    Reply handleDryRun(ApiCall call) {
        return serve(call, deployment.dryRunLogFeed(call.pathUuid("templateversion"), call.pathUuid("job")));
    }

    private Reply serve(ApiCall call, BuildLogFeed feed) {
        long after = call.queryInt("after");
        if (!call.hasQuery("follow")) {
            return new Reply.Json(200, feed.logsAfter(after));
        }
        if (!call.request().headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            throw new ApiException(426, "Failed to accept websocket.", "the follow mode needs a WebSocket upgrade", null);
        }
        return new Reply.TakeOver((ctx, request) -> upgrade(ctx, request, feed, after));
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, BuildLogFeed feed, long after) {
        String location = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(location, null, false, 1 << 16)
                .newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        BuildLogStream stream = new BuildLogStream(feed, after, mapper, stats, stall);
        ctx.pipeline().replace(ctx.handler(), "build-log-stream", stream);
        handshaker.handshake(ctx.channel(), request).addListener(done -> {
            if (done.isSuccess()) {
                stream.start();
            } else {
                ctx.channel().close();
            }
        });
    }
}
