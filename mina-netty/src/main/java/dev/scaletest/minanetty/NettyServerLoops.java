package dev.scaletest.minanetty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import java.util.Objects;

/**
 * The event loops an SSH server's sockets run on, and the kind of listening socket they take. The
 * caller owns the loops: closing the server leaves them running.
 *
 * @param acceptors the loops that accept connections
 * @param workers the loops each accepted session lives on
 * @param channelType the listening socket (epoll's, io_uring's or NIO's, to match the loops)
 */
public record NettyServerLoops(EventLoopGroup acceptors, EventLoopGroup workers, Class<? extends ServerChannel> channelType) {
    public NettyServerLoops {
        Objects.requireNonNull(acceptors, "acceptors");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(channelType, "channelType");
    }
}
