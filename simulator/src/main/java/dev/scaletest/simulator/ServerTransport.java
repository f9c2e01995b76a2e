package dev.scaletest.simulator;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import java.util.Map;

/**
 * The socket layer under the simulator's HTTP and WebSocket server and, on the same loops, its SSH
 * server: Linux's native epoll where its library loads, Java NIO everywhere else;
 * {@code SCALETEST_NETTY_TRANSPORT=nio} forces NIO and {@code =io_uring} asks for io_uring where
 * the kernel allows it (the same switch as the client's).
 */
record ServerTransport(String name, IoHandlerFactory ioHandlers, Class<? extends ServerChannel> channelType) {

    static ServerTransport choose(Map<String, String> env) {
        String wanted = env.getOrDefault("SCALETEST_NETTY_TRANSPORT", "");
        if ("io_uring".equalsIgnoreCase(wanted) && IoUring.isAvailable()) {
            return new ServerTransport("io_uring", IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class);
        }
        if (!"nio".equalsIgnoreCase(wanted) && Epoll.isAvailable()) {
            return new ServerTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        return new ServerTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }
}
