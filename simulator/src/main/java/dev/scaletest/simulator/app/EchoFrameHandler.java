package dev.scaletest.simulator.app;

import dev.scaletest.simulator.SimulatorStats;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/** Writes each data frame back as it came (the same pooled buffer), flushing once per read burst. */
final class EchoFrameHandler extends ChannelInboundHandlerAdapter {
    private final SimulatorStats stats;
    private boolean closing;

    EchoFrameHandler(SimulatorStats stats) {
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        switch (msg) {
            case BinaryWebSocketFrame frame -> echo(ctx, frame.content().readableBytes(), frame);
            case TextWebSocketFrame frame -> echo(ctx, frame.content().readableBytes(), frame);
            case ContinuationWebSocketFrame frame -> echo(ctx, frame.content().readableBytes(), frame);
            case PingWebSocketFrame ping -> ctx.write(new PongWebSocketFrame(ping.content()));
            case CloseWebSocketFrame close -> {
                closing = true;
                int status = close.statusCode() < 0 ? 1000 : close.statusCode();
                close.release();
                ctx.writeAndFlush(new CloseWebSocketFrame(status, "")).addListener(ChannelFutureListener.CLOSE);
            }
            default -> ReferenceCountUtil.release(msg);
        }
    }

    private void echo(ChannelHandlerContext ctx, int size, Object frame) {
        stats.bytesReceived.add(size);
        stats.bytesEchoed.add(size);
        ctx.write(frame, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        // A client that does not read its echo stops being read from until it catches up.
        if (!ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
