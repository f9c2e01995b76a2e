package dev.scaletest.web;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Map;

/**
 * The socket layer under the Netty client: Linux's native epoll where its library loads (fewer
 * system calls and no selector wake-up pipe), Java NIO everywhere else. {@code SCALETEST_NETTY_TRANSPORT=nio}
 * forces NIO, to compare the two.
 */
record NettyClientTransport(String name, IoHandlerFactory ioHandlers, Class<? extends SocketChannel> channelType) {

    static final String ENV = "SCALETEST_NETTY_TRANSPORT";

    static NettyClientTransport choose(Map<String, String> env) {
        if (!"nio".equalsIgnoreCase(env.getOrDefault(ENV, "")) && Epoll.isAvailable()) {
            return new NettyClientTransport("epoll", EpollIoHandler.newFactory(), EpollSocketChannel.class);
        }
        return new NettyClientTransport("nio", NioIoHandler.newFactory(), NioSocketChannel.class);
    }
}
