package dev.scaletest.ssh;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The first handler of a proxy command's connection: reads the one-time token line the spawner
 * writes before the command starts, and hands the connection to the stream that token belongs to.
 * A connection with no known token, none within the wait, or a line longer than any token, is
 * closed and counted. Reads byte by byte only up to the newline: what follows is the command's own
 * output and goes to the stream untouched.
 */
final class TokenReader extends ChannelInboundHandlerAdapter {
    private static final int MAX_LINE = 128;

    private final LoopbackSplice splice;
    private final Duration wait;
    private final StringBuilder line = new StringBuilder();
    private ScheduledFuture<?> deadline;
    private boolean decided;

    TokenReader(LoopbackSplice splice, Duration wait) {
        this.splice = splice;
        this.wait = wait;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> refuse(ctx), wait.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            while (!decided && in.isReadable()) {
                byte b = in.readByte();
                if (b == '\n') {
                    identified(ctx, in.readRetainedSlice(in.readableBytes()));
                } else if (line.length() >= MAX_LINE) {
                    refuse(ctx);
                } else {
                    line.append((char) (b & 0xff));
                }
            }
        } finally {
            ReferenceCountUtil.release(in);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        refuse(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        refuse(ctx);
    }

    private void identified(ChannelHandlerContext ctx, ByteBuf rest) {
        LoopbackSplice.SplicedStream stream = splice.claim(line.toString());
        if (stream == null) {
            rest.release();
            refuse(ctx);
            return;
        }
        decided = true;
        deadline.cancel(false);
        SpliceHandler side = new SpliceHandler();
        side.hold(rest);
        ctx.channel().config().setAutoRead(false);
        ctx.pipeline().replace(this, "splice", side);
        splice.commandConnected(stream, ctx.channel());
    }

    private void refuse(ChannelHandlerContext ctx) {
        if (decided) {
            return;
        }
        decided = true;
        if (deadline != null) {
            deadline.cancel(false);
        }
        splice.refused();
        ctx.close();
    }
}
