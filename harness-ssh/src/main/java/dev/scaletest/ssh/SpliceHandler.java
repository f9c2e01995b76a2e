package dev.scaletest.ssh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * One side of a {@link LoopbackSplice}: what this socket reads is written to its peer. Reading stops
 * while the peer cannot take more (its writability turns false) and resumes when it can, so a slow
 * side holds the other back instead of filling memory. Until the peer is joined, what arrives is held
 * and reading stops. The end of this side's input shuts the peer's output down once everything
 * before it is written (half-close), and this socket's close closes the peer after its last bytes.
 * Runs on the splice's event loop only.
 */
final class SpliceHandler extends ChannelInboundHandlerAdapter {
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private Channel peer;
    private boolean inputEnded;

    /** Keeps bytes that were read before the peer is joined (e.g. those that followed a token). */
    void hold(ByteBuf bytes) {
        if (bytes.isReadable()) {
            held.add(bytes);
        } else {
            bytes.release();
        }
    }

    /** Starts relaying to {@code other}: what was held first. The caller turns reading on. */
    void join(Channel other) {
        this.peer = other;
        for (Object m; (m = held.poll()) != null; ) {
            other.write(m);
        }
        other.flush();
        if (inputEnded) {
            endOutput(other);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (peer == null) {
            held.add(msg);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        peer.write(msg, peer.voidPromise());
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (peer != null) {
            peer.flush();
        }
    }

    /** This socket can take more again: the peer, which writes into it, may read again. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (peer != null && ctx.channel().isWritable() && peer.isActive()) {
            peer.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputEnded = true;
            if (peer != null) {
                endOutput(peer);
            }
            closeIfBothWaysEnded(ctx.channel());
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (Object m; (m = held.poll()) != null; ) {
            ReferenceCountUtil.release(m);
        }
        if (peer != null) {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset or a write to a closed socket: the stream is over, both sides learn it by the close.
        ctx.close();
    }

    /** Shuts the output of {@code channel} down once what was written to it is flushed. */
    private static void endOutput(Channel channel) {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
            if (channel.isActive() && channel instanceof DuplexChannel duplex) {
                duplex.shutdownOutput().addListener(g -> closeIfBothWaysEnded(channel));
            }
        });
    }

    /** A socket that neither reads nor writes any more is closed, so its peer and the other end see the end. */
    private static void closeIfBothWaysEnded(Channel channel) {
        if (channel instanceof DuplexChannel duplex && duplex.isInputShutdown() && duplex.isOutputShutdown()) {
            channel.close();
        }
    }
}
