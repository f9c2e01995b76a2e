package dev.scaletest.ssh;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Joins each proxy command's socket to the SSH client's socket of the same stream, without a thread
 * per stream: one Netty event loop serves two loopback listeners and every connection on them. The
 * commands connect to one listener and identify their stream by its one-time token
 * ({@link TokenReader}); MINA, which only speaks TCP, connects to the other, and its connection is
 * matched to a stream by the address MINA's socket has on its own side, as the SSH session reports
 * it ({@link #attach}), so another local process connecting there cannot take a stream. Once a
 * stream has both sockets, {@link SpliceHandler}s move the bytes both ways.
 *
 * <p>Plain Java NIO, not the native epoll transport the WebSocket client picks: the choice of
 * transport is owned by harness-web, which this module may not use, and these sockets only carry
 * loopback bytes that MINA has already encrypted.
 */
final class LoopbackSplice implements AutoCloseable {
    /** How long a connection to the SSH client's listener may wait for its session to claim it. */
    private static final Duration CLIENT_WAIT = Duration.ofSeconds(30);
    private static final int BACKLOG = 4096;

    private final EventLoopGroup loop;
    private final Channel commandListener;
    private final Channel clientListener;
    private final Map<String, SplicedStream> byToken = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    // Touched on the event loop only:
    private final Map<SocketAddress, Channel> unclaimedClients = new HashMap<>();
    private final Map<SocketAddress, SplicedStream> awaitingClient = new HashMap<>();

    private LoopbackSplice(EventLoopGroup loop, Duration tokenWait) throws IOException {
        this.loop = loop;
        try {
            commandListener = listen(InetAddress.getByName("127.0.0.1"), true, ch -> ch.pipeline().addLast(new TokenReader(this, tokenWait)));
            clientListener = listen(InetAddress.getLoopbackAddress(), false, ch -> {
                ch.pipeline().addLast(new SpliceHandler());
                clientConnected(ch);
            });
        } catch (IOException | RuntimeException e) {
            loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** Opens both listeners; {@code tokenWait} bounds how long a command's connection may take to name its stream. */
    static LoopbackSplice start(Duration tokenWait) throws IOException {
        return new LoopbackSplice(new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("ssh-proxy-splice", true),
                NioIoHandler.newFactory()), tokenWait);
    }

    /** Where the spawner connects the commands (always 127.0.0.1: bash's /dev/tcp takes an IPv4 literal). */
    InetSocketAddress commandAddress() {
        return (InetSocketAddress) commandListener.localAddress();
    }

    /** Where the SSH client connects. */
    InetSocketAddress clientAddress() {
        return (InetSocketAddress) clientListener.localAddress();
    }

    /** Connections to the command listener closed so far for a wrong token, no token, or no token in time. */
    long refusedConnections() {
        return refused.get();
    }

    /** Registers a stream whose command will connect with {@code token}. */
    SplicedStream expect(String token) {
        SplicedStream stream = new SplicedStream(token);
        byToken.put(token, stream);
        return stream;
    }

    /** Joins the SSH client's connection from {@code clientLocalAddress} (its side of the socket) to the stream. */
    void attach(SplicedStream stream, SocketAddress clientLocalAddress) {
        Objects.requireNonNull(clientLocalAddress, "client address");
        loop.execute(() -> {
            if (stream.dropped) {
                return;
            }
            stream.clientAddress = clientLocalAddress;
            Channel client = unclaimedClients.remove(clientLocalAddress);
            if (client == null) {
                awaitingClient.put(clientLocalAddress, stream);
            } else {
                stream.client = client;
                joinIfComplete(stream);
            }
        });
    }

    /** Closes the stream's sockets at once and forgets it. */
    void drop(SplicedStream stream) {
        byToken.remove(stream.token, stream);
        loop.execute(() -> {
            stream.dropped = true;
            if (stream.clientAddress != null) {
                awaitingClient.remove(stream.clientAddress, stream);
            }
            closeSockets(stream);
        });
    }

    /**
     * Closes the stream's sockets after {@code delay}: once its command has ended, whatever it
     * started may still hold the socket open, and the SSH session must see the end.
     */
    void closeAfter(SplicedStream stream, Duration delay) {
        loop.schedule(() -> closeSockets(stream), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The stream a command's token names, once: a second connection with the same token gets none. */
    SplicedStream claim(String token) {
        return byToken.remove(token);
    }

    void refused() {
        refused.incrementAndGet();
    }

    void commandConnected(SplicedStream stream, Channel command) {
        if (stream.dropped) {
            command.close();
            return;
        }
        stream.command = command;
        stream.commandArrived.complete(null);
        joinIfComplete(stream);
    }

    @Override
    public void close() {
        commandListener.close().awaitUninterruptibly();
        clientListener.close().awaitUninterruptibly();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private void clientConnected(Channel client) {
        SocketAddress from = client.remoteAddress();
        SplicedStream stream = awaitingClient.remove(from);
        if (stream != null) {
            stream.client = client;
            joinIfComplete(stream);
            return;
        }
        unclaimedClients.put(from, client);
        client.closeFuture().addListener(f -> unclaimedClients.remove(from, client));
        client.eventLoop().schedule(() -> {
            if (unclaimedClients.remove(from, client)) {
                client.close();
            }
        }, CLIENT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void joinIfComplete(SplicedStream stream) {
        Channel command = stream.command;
        Channel client = stream.client;
        if (command == null || client == null) {
            return;
        }
        if (!command.isActive() || !client.isActive()) {
            // One side is already gone (e.g. the command died before the session came): end the other.
            closeSockets(stream);
            return;
        }
        command.pipeline().get(SpliceHandler.class).join(client);
        client.pipeline().get(SpliceHandler.class).join(command);
        command.config().setAutoRead(true);
        client.config().setAutoRead(true);
    }

    private static void closeSockets(SplicedStream stream) {
        if (stream.command != null) {
            stream.command.close();
        }
        if (stream.client != null) {
            stream.client.close();
        }
    }

    private Channel listen(InetAddress address, boolean readAtOnce, Consumer<SocketChannel> setUp) throws IOException {
        ChannelHandler initializer = new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                setUp.accept(ch);
            }
        };
        ServerBootstrap bootstrap = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.AUTO_READ, readAtOnce)
                .childHandler(initializer);
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(address, 0)).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IOException("cannot open the proxy relay's listener on " + address.getHostAddress() + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        return bound.channel();
    }

    /** The splice's view of one stream; its fields other than the token are touched on the event loop only. */
    static final class SplicedStream {
        private final String token;
        private final CompletableFuture<Void> commandArrived = new CompletableFuture<>();
        private Channel command;
        private Channel client;
        private SocketAddress clientAddress;
        private boolean dropped;

        private SplicedStream(String token) {
            this.token = token;
        }

        /** Completes when the command has connected with this stream's token. */
        CompletableFuture<Void> commandArrived() {
            return commandArrived;
        }
    }
}
