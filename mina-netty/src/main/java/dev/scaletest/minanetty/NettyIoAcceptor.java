package dev.scaletest.minanetty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.PropertyResolver;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Accepts SSH connections on Netty's event loops: each accepted socket is a {@link NettyIoSession}
 * on one of the worker loops, where MINA decodes what arrives and whatever a command writes from
 * that loop goes out without a hand-off. The listen backlog, address reuse and TCP_NODELAY are
 * MINA's properties, read as its own acceptor reads them.
 */
public final class NettyIoAcceptor extends NettyIoService implements IoAcceptor {
    private final PropertyResolver properties;
    private final IoHandler handler;
    private final NettyServerLoops loops;
    /** Each listening socket under the address it was bound to (a port of 0 resolved). */
    private final Map<SocketAddress, Channel> listeners = new ConcurrentHashMap<>();

    public NettyIoAcceptor(PropertyResolver properties, IoHandler handler, NettyServerLoops loops) {
        this.properties = properties;
        this.handler = handler;
        this.loops = loops;
    }

    @Override
    public void bind(Collection<? extends SocketAddress> addresses) throws IOException {
        for (SocketAddress address : addresses) {
            bind(address);
        }
    }

    @Override
    public void bind(SocketAddress address) throws IOException {
        ServerBootstrap bootstrap = new ServerBootstrap().group(loops.acceptors(), loops.workers())
                .channel(loops.channelType())
                .option(ChannelOption.SO_BACKLOG, CoreModuleProperties.SOCKET_BACKLOG.getRequired(properties))
                .option(ChannelOption.SO_REUSEADDR, CoreModuleProperties.SOCKET_REUSEADDR.getRequired(properties))
                .childOption(ChannelOption.TCP_NODELAY, CoreModuleProperties.TCP_NODELAY.getRequired(properties))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) throws Exception {
                        SocketAddress listening = channel.parent().localAddress();
                        IoServiceEventListener listener = getIoServiceEventListener();
                        if (listener != null) {
                            try {
                                listener.connectionAccepted(NettyIoAcceptor.this, channel.localAddress(), channel.remoteAddress(), listening);
                            } catch (IOException | RuntimeException refused) {
                                // Refused: told back to the listener and closed, as MINA's own acceptor does.
                                try {
                                    listener.abortAcceptedConnection(NettyIoAcceptor.this, channel.localAddress(),
                                            channel.remoteAddress(), listening, refused);
                                } finally {
                                    channel.close();
                                }
                                return;
                            }
                        }
                        channel.pipeline().addLast(NettyIoSession.accepted(NettyIoAcceptor.this, handler, channel, listening).inbound());
                    }
                });
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new IOException("cannot listen on " + address + ": " + cause.getMessage(), cause);
        }
        listeners.put(bound.channel().localAddress(), bound.channel());
    }

    @Override
    public void unbind(Collection<? extends SocketAddress> addresses) {
        addresses.forEach(this::unbind);
    }

    @Override
    public void unbind(SocketAddress address) {
        Channel listening = listeners.remove(address);
        if (listening != null) {
            listening.close().awaitUninterruptibly();
        }
    }

    @Override
    public void unbind() {
        unbind(List.copyOf(listeners.keySet()));
    }

    @Override
    public Set<SocketAddress> getBoundAddresses() {
        return Set.copyOf(listeners.keySet());
    }

    /** Stops listening first, so that no session is accepted while the others close. */
    @Override
    protected void doCloseImmediately() {
        unbind();
        super.doCloseImmediately();
    }
}
