package dev.scaletest.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.ShutdownChannelGroupException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loopback listener the proxy commands connect to, in the SSH client's own channel group, so
 * that the socket a command's subshell connected with can become the SSH session's socket as it
 * is: no byte crosses the JVM twice. Each connection first names its stream by the one-time token
 * line the spawner writes; it is read into a buffer of exactly that line's length, so not one byte
 * of what the command writes next (its SSH banner) is taken from the socket. A connection with an
 * unknown token, a line that is not a token, or no full line within the wait is closed and counted.
 */
final class CommandListener implements AutoCloseable {
    /** The length of a token: {@code ProxyCommands} writes that many hex digits of random bytes. */
    static final int TOKEN_LENGTH = 32;
    private static final int TOKEN_LINE = TOKEN_LENGTH + 1;
    private static final int BACKLOG = 4096;
    /** After a failed accept (e.g. out of file descriptors), the next one waits this long instead of spinning. */
    private static final Duration ACCEPT_RETRY = Duration.ofMillis(50);

    private final AsynchronousServerSocketChannel server;
    private final InetSocketAddress address;
    private final Duration tokenWait;
    private final Map<String, CompletableFuture<AsynchronousSocketChannel>> byToken = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();

    private CommandListener(AsynchronousServerSocketChannel server, Duration tokenWait) throws IOException {
        this.server = server;
        this.address = (InetSocketAddress) server.getLocalAddress();
        this.tokenWait = tokenWait;
    }

    /**
     * Listens on 127.0.0.1 (bash's {@code /dev/tcp} takes an IPv4 literal) in {@code group}, whose
     * threads then also run the token reads.
     */
    static CommandListener open(AsynchronousChannelGroup group, Duration tokenWait) throws IOException {
        AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(group);
        try {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), BACKLOG);
            CommandListener listener = new CommandListener(server, tokenWait);
            listener.acceptNext();
            return listener;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new IOException("cannot open the proxy commands' loopback listener: " + e.getMessage(), e);
        }
    }

    InetSocketAddress address() {
        return address;
    }

    /** Connections closed so far for a wrong token, no token, or no token in time. */
    long refusedConnections() {
        return refused.get();
    }

    /** Completes with the socket of the connection that names {@code token}; only the first such connection gets it. */
    CompletableFuture<AsynchronousSocketChannel> expect(String token) {
        CompletableFuture<AsynchronousSocketChannel> socket = new CompletableFuture<>();
        byToken.put(token, socket);
        return socket;
    }

    /** No connection is expected for {@code token} any more: one that still comes is refused. */
    void forget(String token) {
        byToken.remove(token);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing a listener fails only when it is gone already
        }
    }

    private void acceptNext() {
        if (!server.isOpen()) {
            return;
        }
        try {
            server.accept(null, acceptHandler());
        } catch (ShutdownChannelGroupException e) {
            // the SSH client stopped: its channel group closed this listener
        }
    }

    private CompletionHandler<AsynchronousSocketChannel, Void> acceptHandler() {
        return new CompletionHandler<>() {
            @Override
            public void completed(AsynchronousSocketChannel socket, Void none) {
                acceptNext();
                readToken(socket, ByteBuffer.allocate(TOKEN_LINE), System.nanoTime() + tokenWait.toNanos());
            }

            @Override
            public void failed(Throwable error, Void none) {
                CompletableFuture.delayedExecutor(ACCEPT_RETRY.toMillis(), TimeUnit.MILLISECONDS).execute(CommandListener.this::acceptNext);
            }
        };
    }

    /** Reads until the buffer holds a whole token line: a read may return fewer bytes than were written. */
    private void readToken(AsynchronousSocketChannel socket, ByteBuffer line, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            refuse(socket);
            return;
        }
        socket.read(line, left, TimeUnit.NANOSECONDS, null, new CompletionHandler<Integer, Void>() {
            @Override
            public void completed(Integer read, Void none) {
                if (read < 0) {
                    refuse(socket);
                } else if (line.hasRemaining()) {
                    readToken(socket, line, deadline);
                } else {
                    identify(socket, line);
                }
            }

            @Override
            public void failed(Throwable error, Void none) {
                refuse(socket);
            }
        });
    }

    private void identify(AsynchronousSocketChannel socket, ByteBuffer line) {
        CompletableFuture<AsynchronousSocketChannel> waiting = line.get(TOKEN_LENGTH) != '\n' ? null
                : byToken.remove(new String(line.array(), 0, TOKEN_LENGTH, StandardCharsets.US_ASCII));
        if (waiting == null) {
            refuse(socket);
        } else if (!waiting.complete(socket)) {
            // Its stream gave up on it already (closed or failed): nobody takes this socket.
            closeQuietly(socket);
        }
    }

    private void refuse(AsynchronousSocketChannel socket) {
        refused.incrementAndGet();
        closeQuietly(socket);
    }

    static void closeQuietly(AsynchronousSocketChannel socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }
}
