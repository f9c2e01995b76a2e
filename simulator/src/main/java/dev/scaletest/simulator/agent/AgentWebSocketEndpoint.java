package dev.scaletest.simulator.agent;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * Takes over an HTTP connection that the API layer has already authenticated and routed to a
 * connected agent (web terminal or app): it performs the WebSocket handshake on that channel,
 * replaces the API handlers with its own and serves the stream. Called on the channel's event loop;
 * it must not block. The request is released by the caller after this returns.
 */
public interface AgentWebSocketEndpoint {
    void accept(ChannelHandlerContext ctx, FullHttpRequest request, AgentTarget agent);
}
