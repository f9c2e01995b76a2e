package dev.scaletest.minanetty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DuplexChannel;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.future.CloseFuture;
import org.apache.sshd.common.io.AbstractIoWriteFuture;
import org.apache.sshd.common.io.IoConnectFuture;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoService;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.session.helpers.MissingAttachedSessionException;
import org.apache.sshd.common.util.Readable;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.closeable.AbstractCloseable;

/**
 * One SSH connection's socket as MINA sees it, on a Netty event loop. Everything the socket does
 * happens on that loop: MINA decodes what arrives there, and a write made on the loop (where a
 * caller that paces its writes on {@link #eventLoop()} makes them) goes to the socket at once, with
 * no hand-off to another thread and no wake-up.
 *
 * <p>MINA numbers each packet when it encrypts it and calls {@link #writeBuffer} in that order, from
 * whichever thread wrote the packet (its timers, the key exchange, the tick pacer). The writes
 * therefore pass through one queue that only the loop drains, so they reach the socket in the order
 * MINA numbered them.
 */
public final class NettyIoSession extends AbstractCloseable implements IoSession {
    private final NettyIoService service;
    private final IoHandler handler;
    private final long id;
    private final Channel channel;
    /** The connect that made this session, told when the session exists; null for an accepted one. */
    private final IoConnectFuture connected;
    private final SocketAddress acceptanceAddress;
    private final Map<Object, Object> attributes = new HashMap<>();
    private final Queue<PendingWrite> writes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drainScheduledWrites;

    private NettyIoSession(NettyIoService service, IoHandler handler, long id, Channel channel, IoConnectFuture connected,
            SocketAddress acceptanceAddress) {
        super("ssh-io-" + id);
        this.service = service;
        this.handler = handler;
        this.id = id;
        this.channel = channel;
        this.connected = connected;
        this.acceptanceAddress = acceptanceAddress;
    }

    /**
     * The session of a socket that {@code service} is connecting; {@code connected} is given the
     * session once the socket is up. Add {@link #inbound()} to the channel's pipeline.
     */
    public static NettyIoSession connecting(NettyIoService service, IoHandler handler, Channel channel,
            IoConnectFuture connected) {
        return new NettyIoSession(service, handler, service.nextSessionId(), channel, connected, null);
    }

    /** The session of a socket that an acceptor took on {@code acceptanceAddress}. */
    static NettyIoSession accepted(NettyIoService service, IoHandler handler, Channel channel, SocketAddress acceptanceAddress) {
        return new NettyIoSession(service, handler, service.nextSessionId(), channel, null, acceptanceAddress);
    }

    /** The loop this session's socket lives on. */
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /** What the channel's pipeline is given: the bridge from Netty's events to MINA's handler. */
    public ChannelInboundHandlerAdapter inbound() {
        return new Inbound();
    }

    @Override
    public long getId() {
        return id;
    }

    @Override
    public SocketAddress getAcceptanceAddress() {
        return acceptanceAddress;
    }

    @Override
    public SocketAddress getLocalAddress() {
        return channel.localAddress();
    }

    @Override
    public SocketAddress getRemoteAddress() {
        return channel.remoteAddress();
    }

    @Override
    public Object getAttribute(Object key) {
        synchronized (attributes) {
            return attributes.get(key);
        }
    }

    @Override
    public Object setAttribute(Object key, Object value) {
        synchronized (attributes) {
            return attributes.put(key, value);
        }
    }

    @Override
    public Object setAttributeIfAbsent(Object key, Object value) {
        synchronized (attributes) {
            return attributes.putIfAbsent(key, value);
        }
    }

    @Override
    public Object removeAttribute(Object key) {
        synchronized (attributes) {
            return attributes.remove(key);
        }
    }

    @Override
    public IoService getService() {
        return service;
    }

    /** MINA does not touch the packet's array until the returned future is done, so it is sent as it is. */
    @Override
    public IoWriteFuture writeBuffer(Buffer buffer) {
        WriteFuture done = new WriteFuture(id);
        writes.add(new PendingWrite(Unpooled.wrappedBuffer(buffer.array(), buffer.rpos(), buffer.available()), done));
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            drainWrites();
        } else if (drainScheduled.compareAndSet(false, true)) {
            loop.execute(drainTask);
        }
        return done;
    }

    private void drainScheduledWrites() {
        // Cleared before draining: a write queued after this point schedules another drain.
        drainScheduled.set(false);
        drainWrites();
    }

    private void drainWrites() {
        boolean wrote = false;
        for (PendingWrite next; (next = writes.poll()) != null; ) {
            WriteFuture done = next.done();
            channel.write(next.bytes()).addListener(f -> done.setValue(f.isSuccess() ? Boolean.TRUE : f.cause()));
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    @Override
    public void suspendRead() {
        channel.config().setAutoRead(false);
    }

    @Override
    public void resumeRead() {
        channel.config().setAutoRead(true);
    }

    @Override
    public void shutdownOutputStream() {
        if (channel instanceof DuplexChannel duplex) {
            duplex.shutdownOutput();
        }
    }

    /** Sends what is queued, then closes the socket. */
    @Override
    protected CloseFuture doCloseGracefully() {
        channel.eventLoop().execute(() -> {
            drainWrites();
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        });
        channel.closeFuture().addListener(f -> closeFuture.setClosed());
        return closeFuture;
    }

    @Override
    protected void doCloseImmediately() {
        // Off the service's list at once, as MINA's own sessions are; the socket closes on its loop.
        service.closed(this);
        channel.close();
        super.doCloseImmediately();
    }

    @Override
    public String toString() {
        return "NettyIoSession[" + id + ", local=" + channel.localAddress() + ", remote=" + channel.remoteAddress() + "]";
    }

    private record PendingWrite(ByteBuf bytes, WriteFuture done) {
    }

    private static final class WriteFuture extends AbstractIoWriteFuture {
        WriteFuture(long sessionId) {
            super(sessionId, null);
        }
    }

    /** A received buffer as MINA reads it: it copies the bytes into its decoder before returning. */
    private record ReceivedBytes(ByteBuf bytes) implements Readable {
        @Override
        public int available() {
            return bytes.readableBytes();
        }

        @Override
        public void getRawBytes(byte[] data, int offset, int length) {
            bytes.readBytes(data, offset, length);
        }
    }

    /** Netty's events, told to MINA's handler as MINA's own connector tells them. */
    private final class Inbound extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            service.opened(NettyIoSession.this);
            try {
                handler.sessionCreated(NettyIoSession.this);
                if (connected != null) {
                    connected.setSession(NettyIoSession.this);
                    if (connected.isCanceled()) {
                        close(true);
                    }
                }
            } catch (Exception | Error e) {
                if (connected != null) {
                    connected.setException(e);
                }
                close(true);
            }
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            ByteBuf bytes = (ByteBuf) msg;
            try {
                handler.messageReceived(NettyIoSession.this, new ReceivedBytes(bytes));
            } finally {
                bytes.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            service.closed(NettyIoSession.this);
            try {
                handler.sessionClosed(NettyIoSession.this);
            } catch (MissingAttachedSessionException e) {
                // No SSH session was made on this socket: nothing is left to close.
            }
            close(true);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
            handler.exceptionCaught(NettyIoSession.this, cause);
        }
    }
}
