package dev.scaletest.simulator;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.Map;

/**
 * The socket layer under the simulator's HTTP and WebSocket server: Linux's native epoll where its
 * library loads, Java NIO everywhere else; {@code SCALETEST_NETTY_TRANSPORT=nio} forces NIO.
 */
record ServerTransport(String name, IoHandlerFactory ioHandlers, Class<? extends ServerChannel> channelType) {

    static ServerTransport choose(Map<String, String> env) {
        if (!"nio".equalsIgnoreCase(env.getOrDefault("SCALETEST_NETTY_TRANSPORT", "")) && Epoll.isAvailable()) {
            return new ServerTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        return new ServerTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }
}
