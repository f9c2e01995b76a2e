package dev.scaletest.simulator.terminal;

import dev.scaletest.simulator.SimulatorStats;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns an HTTP request the API layer routed to an agent endpoint into a WebSocket on the same
 * channel: handshake without compression, then the API handlers (the caller and everything after
 * it) make room for the stream's own handlers. Shared by the terminal and app endpoints.
 */
public final class WebSocketUpgrade {
    /** Outbound bytes queued for a client above which its stream counts as not writable. */
    public static final int OUTBOUND_HIGH_WATER = 64 * 1024;
    static final int OUTBOUND_LOW_WATER = 32 * 1024;

    private final int maxFrameBytes;
    private final SimulatorStats stats;

    public WebSocketUpgrade(int maxFrameBytes, SimulatorStats stats) {
        this.maxFrameBytes = maxFrameBytes;
        this.stats = stats;
    }

    /**
     * Starts the handshake and installs {@code handlers} in place of the API handlers; the returned
     * future completes when the 101 response is written. Returns null when the client asked for a
     * WebSocket version we do not speak (a 426 response was sent).
     */
    public ChannelFuture upgrade(ChannelHandlerContext ctx, FullHttpRequest request, ChannelHandler... handlers) {
        String host = request.headers().get(HttpHeaderNames.HOST, "localhost");
        WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxFrameBytes)
                .allowExtensions(false)
                .build();
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory("ws://" + host + request.uri(), null, config).newHandshaker(request);
        Channel channel = ctx.channel();
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
            return null;
        }
        ChannelFuture handshake = handshaker.handshake(channel, request);
        ChannelPipeline pipeline = channel.pipeline();
        List<String> apiHandlers = new ArrayList<>();
        boolean afterCaller = false;
        for (Map.Entry<String, ChannelHandler> entry : pipeline.toMap().entrySet()) {
            afterCaller |= entry.getKey().equals(ctx.name());
            if (afterCaller) {
                apiHandlers.add(entry.getKey());
            }
        }
        // Bounds what a client that stops reading can pile up: a pty buffers about 20 KB.
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(OUTBOUND_LOW_WATER, OUTBOUND_HIGH_WATER));
        for (ChannelHandler handler : handlers) {
            pipeline.addLast(handler);
        }
        apiHandlers.forEach(pipeline::remove);
        handshake.addListener(done -> {
            if (done.isSuccess()) {
                stats.webSocketsOpen.increment();
                channel.closeFuture().addListener(closed -> stats.webSocketsOpen.decrement());
            } else {
                channel.close();
            }
        });
        return handshake;
    }

    /** Closes a connection the way a dropped network does: no close frame, a TCP reset. */
    public static void cut(Channel channel) {
        channel.eventLoop().execute(() -> {
            try {
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
            } catch (RuntimeException notSupported) {
                // Transports without SO_LINGER still close without a close frame.
            }
            channel.close();
        });
    }
}
