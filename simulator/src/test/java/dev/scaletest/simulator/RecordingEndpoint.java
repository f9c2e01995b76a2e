package dev.scaletest.simulator;

import dev.scaletest.simulator.agent.AgentTarget;
import dev.scaletest.simulator.agent.AgentWebSocketEndpoint;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the terminal or app endpoint: records what was routed to it and answers 200 with its name. */
final class RecordingEndpoint implements AgentWebSocketEndpoint {
    final String name;
    final List<AgentTarget> accepted = new CopyOnWriteArrayList<>();
    final List<String> uris = new CopyOnWriteArrayList<>();

    RecordingEndpoint(String name) {
        this.name = name;
    }

    @Override
    public void accept(ChannelHandlerContext ctx, FullHttpRequest request, AgentTarget agent) {
        accepted.add(agent);
        uris.add(request.uri());
        byte[] body = (name + " " + agent.agentId()).getBytes(StandardCharsets.UTF_8);
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set("X-Test-Endpoint", name);
        ctx.writeAndFlush(response);
    }
}
