package dev.scaletest.ssh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection to the {@link CommandListener}, from its accept until an SSH session takes it. It
 * reads the token line; a connection that names a waiting stream is then held still: reading
 * stops, and whatever came after the token line (in the same segment, or on epoll up to the
 * command's end of output) is kept in order. {@link #handOver} puts the session's handler in this
 * one's place, on the socket's own event loop, and gives it the socket as if just connected:
 * active, then the kept bytes, then the end if the command closed its output already. The socket
 * takes half-closures until then, so an end that came early is held too.
 */
final class CommandSocket extends ChannelInboundHandlerAdapter {
    private final CommandListener listener;
    private Channel channel;
    private ByteBuf line;
    private ScheduledFuture<?> deadline;
    /** Bytes that came after the token line, in order; null when none did. */
    private ByteBuf kept;
    private boolean claimed;
    private boolean refused;
    private boolean outputEnded;

    CommandSocket(CommandListener listener) {
        this.listener = listener;
    }

    /** The command's socket; {@link #handOver} gives it to a session. */
    Channel channel() {
        return channel;
    }

    /** Closes the socket: the command reads EOF. */
    void close() {
        channel.close();
    }

    /**
     * Gives the socket to {@code session} (see the class comment); completes once done, or fails when
     * the socket was closed first.
     */
    CompletableFuture<Void> handOver(ChannelHandler session) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            ChannelHandlerContext context = channel.pipeline().context(this);
            if (context == null || !channel.isOpen()) {
                done.completeExceptionally(new IOException("the proxy command's socket closed before its SSH session took it"));
                return;
            }
            ByteBuf held = kept;
            kept = null;
            channel.pipeline().replace(this, "session", session);
            channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, false);
            channel.pipeline().fireChannelActive();
            if (held != null) {
                channel.pipeline().fireChannelRead(held);
            }
            if (outputEnded) {
                channel.close();
            } else {
                channel.config().setAutoRead(true);
            }
            done.complete(null);
        });
        return done;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        line = ctx.alloc().heapBuffer(CommandListener.TOKEN_LINE, CommandListener.TOKEN_LINE);
        deadline = ctx.executor().schedule(this::refuse, listener.tokenWait().toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        deadline.cancel(false);
        line.release();
        if (kept != null) {
            kept.release();
            kept = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = (ByteBuf) msg;
        if (claimed) {
            keep(ctx, bytes);
            return;
        }
        if (refused) {
            bytes.release();
            return;
        }
        bytes.readBytes(line, Math.min(bytes.readableBytes(), line.writableBytes()));
        if (line.isWritable()) {
            bytes.release();
            return;
        }
        // The rest is the command's first output: it must reach the session, in order.
        keep(ctx, bytes);
        claim(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof ChannelInputShutdownEvent)) {
            ctx.fireUserEventTriggered(event);
        } else if (claimed) {
            outputEnded = true;
        } else {
            refuse();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!claimed) {
            refuse();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (claimed) {
            ctx.close();
        } else {
            refuse();
        }
    }

    private void keep(ChannelHandlerContext ctx, ByteBuf bytes) {
        if (!bytes.isReadable()) {
            bytes.release();
        } else if (kept == null) {
            kept = bytes;
        } else {
            CompositeByteBuf all = kept instanceof CompositeByteBuf composite ? composite
                    : ctx.alloc().compositeBuffer().addComponent(true, kept);
            kept = all.addComponent(true, bytes);
        }
    }

    private void claim(ChannelHandlerContext ctx) {
        deadline.cancel(false);
        CompletableFuture<CommandSocket> waiting = line.getByte(CommandListener.TOKEN_LENGTH) != '\n' ? null
                : listener.claim(line.toString(0, CommandListener.TOKEN_LENGTH, StandardCharsets.US_ASCII));
        if (waiting == null) {
            refuse();
            return;
        }
        claimed = true;
        ctx.channel().config().setAutoRead(false);
        if (!waiting.complete(this)) {
            // Its stream gave up on it already (closed or failed): nobody takes this socket.
            ctx.close();
        }
    }

    /** No stream for this connection (a wrong token, none, or none in time): counted once, and closed. */
    private void refuse() {
        if (!refused && !claimed) {
            refused = true;
            listener.refused();
            channel.close();
        }
    }
}
