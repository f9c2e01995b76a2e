package dev.scaletest.net;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Map;

/**
 * The socket layer under the Netty clients (the WebSocket client and SSH sessions): Linux's
 * native epoll where its library loads (fewer system calls and no selector wake-up pipe), Java NIO
 * everywhere else.
 * {@code SCALETEST_NETTY_TRANSPORT=nio} forces NIO; {@code =io_uring} asks for Linux's io_uring,
 * taken where the kernel allows it (container runtimes often forbid it) and epoll otherwise.
 * io_uring is not the default: at 1,000 streams it saved about a sixth of the CPU on one host and
 * little at 3,000 (bench/RESULTS.md), against a much younger Netty transport.
 *
 * @param channelType       the connecting socket
 * @param serverChannelType the listening socket, for the few connections a client takes in (the
 *                          sockets SSH proxy commands connect back with)
 */
public record NettyClientTransport(String name, IoHandlerFactory ioHandlers, Class<? extends SocketChannel> channelType,
        Class<? extends ServerSocketChannel> serverChannelType) {

    public static final String ENV = "SCALETEST_NETTY_TRANSPORT";

    public static NettyClientTransport choose(Map<String, String> env) {
        String wanted = env.getOrDefault(ENV, "");
        if ("io_uring".equalsIgnoreCase(wanted) && IoUring.isAvailable()) {
            return new NettyClientTransport("io_uring", IoUringIoHandler.newFactory(), IoUringSocketChannel.class,
                    IoUringServerSocketChannel.class);
        }
        if (!"nio".equalsIgnoreCase(wanted) && Epoll.isAvailable()) {
            return new NettyClientTransport("epoll", EpollIoHandler.newFactory(), EpollSocketChannel.class,
                    EpollServerSocketChannel.class);
        }
        return new NettyClientTransport("nio", NioIoHandler.newFactory(), NioSocketChannel.class, NioServerSocketChannel.class);
    }
}
