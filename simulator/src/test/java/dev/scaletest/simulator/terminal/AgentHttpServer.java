package dev.scaletest.simulator.terminal;

import dev.scaletest.simulator.agent.AgentDirectory;
import dev.scaletest.simulator.agent.AgentTarget;
import dev.scaletest.simulator.agent.AgentWebSocketEndpoint;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The part of the API layer the endpoint tests need: routes {@code /<kind>/<agentId>} to an
 * endpoint on a Netty HTTP pipeline, the way the simulator's API handler does.
 */
public final class AgentHttpServer implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Channel server;

    public AgentHttpServer(AgentDirectory agents, Map<String, AgentWebSocketEndpoint> endpoints) throws InterruptedException {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new Router(agents, endpoints));
                    }
                })
                .bind("127.0.0.1", 0)
                .sync()
                .channel();
    }

    public URI uri(String kind, UUID agentId, String query) {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        return URI.create("ws://127.0.0.1:" + port + "/" + kind + "/" + agentId + (query.isEmpty() ? "" : "?" + query));
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class Router extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final AgentDirectory agents;
        private final Map<String, AgentWebSocketEndpoint> endpoints;

        Router(AgentDirectory agents, Map<String, AgentWebSocketEndpoint> endpoints) {
            this.agents = agents;
            this.endpoints = endpoints;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String[] parts = new QueryStringDecoder(request.uri()).path().split("/");
            AgentWebSocketEndpoint endpoint = parts.length == 3 ? endpoints.get(parts[1]) : null;
            Optional<AgentTarget> agent = endpoint == null ? Optional.empty() : agents.agent(UUID.fromString(parts[2]));
            if (agent.isEmpty()) {
                respond(ctx, HttpResponseStatus.NOT_FOUND);
            } else if (!agent.get().connected()) {
                respond(ctx, HttpResponseStatus.PRECONDITION_REQUIRED);
            } else {
                endpoint.accept(ctx, request, agent.get());
            }
        }

        private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }
}
