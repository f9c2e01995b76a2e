package dev.scaletest.ssh;

import dev.scaletest.minanetty.NettyServerLoops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loopback listener the proxy commands connect to, on the SSH client's own event loops, so that
 * the socket a command's subshell connected with becomes the SSH session's socket as it is: no byte
 * crosses the JVM twice, and the session is paced on that socket's loop as a direct one is. Each
 * connection first names its stream by the one-time token line the spawner writes
 * ({@link CommandSocket}). A connection with an unknown token, a line that is not a token, or no
 * full line within the wait is closed and counted.
 */
final class CommandListener implements AutoCloseable {
    /** The length of a token: {@code ProxyCommands} writes that many hex digits of random bytes. */
    static final int TOKEN_LENGTH = 32;
    static final int TOKEN_LINE = TOKEN_LENGTH + 1;
    private static final int BACKLOG = 4096;

    private final Duration tokenWait;
    private final Map<String, CompletableFuture<CommandSocket>> byToken = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final Channel server;
    private final InetSocketAddress address;

    /** Listens on 127.0.0.1 (bash's {@code /dev/tcp} takes an IPv4 literal), accepting on {@code loops}. */
    private CommandListener(NettyServerLoops loops, Duration tokenWait) throws IOException {
        this.tokenWait = tokenWait;
        ServerBootstrap bootstrap = new ServerBootstrap().group(loops.acceptors(), loops.workers())
                .channel(loops.channelType())
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new CommandSocket(CommandListener.this));
                    }
                });
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0)).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IOException("cannot open the proxy commands' loopback listener: " + bound.cause().getMessage(), bound.cause());
        }
        this.server = bound.channel();
        this.address = (InetSocketAddress) server.localAddress();
    }

    static CommandListener open(NettyServerLoops loops, Duration tokenWait) throws IOException {
        return new CommandListener(loops, tokenWait);
    }

    InetSocketAddress address() {
        return address;
    }

    /** Connections closed so far for a wrong token, no token, or no token in time. */
    long refusedConnections() {
        return refused.get();
    }

    /** Completes with the socket of the connection that names {@code token}; only the first such connection gets it. */
    CompletableFuture<CommandSocket> expect(String token) {
        CompletableFuture<CommandSocket> socket = new CompletableFuture<>();
        byToken.put(token, socket);
        return socket;
    }

    /** No connection is expected for {@code token} any more: one that still comes is refused. */
    void forget(String token) {
        byToken.remove(token);
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
    }

    Duration tokenWait() {
        return tokenWait;
    }

    /** The stream waiting for {@code token}, which no later connection can claim; null when none is. */
    CompletableFuture<CommandSocket> claim(String token) {
        return byToken.remove(token);
    }

    void refused() {
        refused.incrementAndGet();
    }
}
