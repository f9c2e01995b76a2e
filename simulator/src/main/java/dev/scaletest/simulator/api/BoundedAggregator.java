package dev.scaletest.simulator.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Aggregates request bodies up to a limit and refuses larger ones with Coder's error JSON (413). */
public final class BoundedAggregator extends HttpObjectAggregator {
    /** How long Go's net/http lets a refused client read its response before closing (rstAvoidanceDelay). */
    private static final long RST_AVOIDANCE_DELAY_MILLIS = 500;

    private final int maxBytes;

    public BoundedAggregator(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        byte[] body = ("{\"message\":\"Request body is too large.\",\"detail\":\"the simulator accepts at most "
                + maxBytes + " bytes\"}").getBytes(StandardCharsets.UTF_8);
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        HttpUtil.setContentLength(response, body.length);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE).addListener(written -> {
            if (written.isSuccess()) {
                closeAfterClientReads(ctx);
            }
        });
    }

    /**
     * Closing at once while the client is still sending the body it was refused makes the kernel
     * answer with a reset, and the client may lose the 413 it has not read yet. Like Go's
     * net/http, the server sends its FIN first, keeps reading (and dropping) what still arrives,
     * and closes a moment later.
     */
    private static void closeAfterClientReads(ChannelHandlerContext ctx) {
        if (ctx.channel() instanceof DuplexChannel duplex) {
            duplex.shutdownOutput().addListener(done ->
                    ctx.executor().schedule(() -> ctx.close(), RST_AVOIDANCE_DELAY_MILLIS, TimeUnit.MILLISECONDS));
        } else {
            ctx.close();
        }
    }
}
