package dev.scaletest.ssh;

import dev.scaletest.minanetty.NettyIoService;
import dev.scaletest.minanetty.NettyIoSession;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.SocketAddress;
import java.time.Duration;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.PropertyResolver;
import org.apache.sshd.common.io.DefaultIoConnectFuture;
import org.apache.sshd.common.io.IoConnectFuture;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Connects SSH sessions on Netty's event loops ({@link NettyIoSession}); a connection whose context
 * names a proxy command goes to {@link ProxyCommandConnector}, which makes the session on the
 * command's own socket instead of connecting one.
 */
final class NettyIoConnector extends NettyIoService implements IoConnector {
    private final PropertyResolver properties;
    private final IoHandler handler;
    private final EventLoopGroup loops;
    private final Class<? extends SocketChannel> channelType;
    private final ProxyCommandConnector proxied;

    NettyIoConnector(PropertyResolver properties, IoHandler handler, EventLoopGroup loops,
            Class<? extends SocketChannel> channelType) {
        this.properties = properties;
        this.handler = handler;
        this.loops = loops;
        this.channelType = channelType;
        this.proxied = new ProxyCommandConnector(this, properties);
    }

    @Override
    public IoConnectFuture connect(SocketAddress address, AttributeRepository context, SocketAddress localAddress) {
        ProxyCommandRelay relay = ProxyCommandConnector.relayOf(context);
        if (relay != null) {
            return proxied.connect(relay, address, context);
        }
        IoConnectFuture connected = new DefaultIoConnectFuture(address, null);
        Duration timeout = CoreModuleProperties.IO_CONNECT_TIMEOUT.getRequired(properties);
        Bootstrap bootstrap = new Bootstrap().group(loops).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, CoreModuleProperties.TCP_NODELAY.getRequired(properties))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) throws Exception {
                        // A listener's refusal throws: the connect fails with its reason and Netty closes the socket.
                        channel.pipeline().addLast(sessionOn(channel, context, connected).inbound());
                    }
                });
        ChannelFuture socket = localAddress == null ? bootstrap.connect(address) : bootstrap.connect(address, localAddress);
        socket.addListener(f -> {
            if (!f.isSuccess()) {
                connected.setException(f.cause());
            }
        });
        connected.addListener(f -> {
            if (f.isCanceled()) {
                socket.cancel(false);
                Channel channel = socket.channel();
                channel.close();
            }
        });
        return connected;
    }

    /**
     * Tells the event listener that {@code channel} connected and makes the session on it, which
     * gives itself to {@code connected} once the socket is active. A refusal by the listener fails
     * {@code connected} and is thrown.
     */
    NettyIoSession sessionOn(Channel channel, AttributeRepository context, IoConnectFuture connected) throws Exception {
        IoServiceEventListener listener = getIoServiceEventListener();
        if (listener != null) {
            try {
                listener.connectionEstablished(this, channel.localAddress(), context, channel.remoteAddress());
            } catch (Exception e) {
                connected.setException(e);
                throw e;
            }
        }
        NettyIoSession session = NettyIoSession.connecting(this, handler, channel, connected);
        if (context != null) {
            session.setAttribute(AttributeRepository.class, context);
        }
        return session;
    }
}
