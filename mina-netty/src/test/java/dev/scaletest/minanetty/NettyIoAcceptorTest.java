package dev.scaletest.minanetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A MINA server on {@link NettyServerIoFactory}, driven by MINA's own (NIO2) client. */
class NettyIoAcceptorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final NettyServerLoops loops = new NettyServerLoops(new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()),
            new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory()), NioServerSocketChannel.class);
    private ListeningServer server;
    private SshClient client;

    @BeforeEach
    void start() throws IOException {
        server = (ListeningServer) ServerBuilder.builder().factory(ListeningServer::new).build();
        server.setIoServiceFactoryFactory(new NettyServerIoFactory(loops));
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
        server.setPasswordAuthenticator((user, password, session) -> "secret".equals(password));
        server.setCommandFactory((channel, command) -> new Greeting(command));
        server.start();
        client = SshClient.setUpDefaultClient();
        client.start();
    }

    @AfterEach
    void stop() throws IOException {
        client.stop();
        server.stop(true);
        loops.acceptors().shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        loops.workers().shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private ClientSession login() throws IOException {
        ClientSession session = client.connect("anyone", "127.0.0.1", server.getPort()).verify(TIMEOUT).getSession();
        session.addPasswordIdentity("secret");
        session.auth().verify(TIMEOUT);
        return session;
    }

    @Test
    void aSessionOnTheLoopsRunsACommandAndIsListedUntilItCloses() throws Exception {
        IoAcceptor acceptor = acceptor();
        try (ClientSession session = login(); ChannelExec exec = session.createExecChannel("hello")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            exec.setOut(out);
            exec.open().verify(TIMEOUT);
            exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
            assertEquals("ran: hello\n", out.toString(StandardCharsets.UTF_8));
            assertEquals(0, exec.getExitStatus());
            NettyIoSession io = (NettyIoSession) acceptor.getManagedSessions().values().iterator().next();
            assertEquals(1, acceptor.getManagedSessions().size());
            assertEquals(acceptor.getBoundAddresses().iterator().next(), io.getAcceptanceAddress());
            assertSame(loops.workers(), io.eventLoop().parent(), "the session lives on a worker loop");
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!acceptor.getManagedSessions().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, acceptor.getManagedSessions().size());
    }

    @Test
    void theBoundAddressCarriesThePortTheSystemChoseAndUnbindFreesIt() throws Exception {
        IoAcceptor acceptor = acceptor();
        SocketAddress bound = acceptor.getBoundAddresses().iterator().next();
        int port = ((InetSocketAddress) bound).getPort();
        assertEquals(server.getPort(), port);
        assertTrue(port > 0);
        acceptor.unbind(bound);
        assertEquals(0, acceptor.getBoundAddresses().size());
        assertTrue(refusesConnections(port), "nothing listens on " + port + " once unbound");
    }

    /** Java NIO closes a listening socket that a selector holds at that selector's next wake-up, not at once. */
    private static boolean refusesConnections(int port) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                Thread.sleep(10);
            } catch (ConnectException refused) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aConnectionTheListenerRefusesIsClosedBeforeAnySessionExistsAndTheRefusalIsToldBack() throws Exception {
        IoAcceptor acceptor = acceptor();
        AtomicReference<Throwable> aborted = new AtomicReference<>();
        acceptor.setIoServiceEventListener(new IoServiceEventListener() {
            @Override
            public void connectionAccepted(IoAcceptor service, SocketAddress local, SocketAddress remote, SocketAddress listening)
                    throws IOException {
                throw new IOException("not from " + remote);
            }

            @Override
            public void abortAcceptedConnection(IoAcceptor service, SocketAddress local, SocketAddress remote,
                    SocketAddress listening, Throwable reason) {
                aborted.set(reason);
            }
        });
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            assertEquals(-1, socket.getInputStream().read(), "closed without the server's identification");
        }
        assertEquals(0, acceptor.getManagedSessions().size());
        assertTrue(aborted.get().getMessage().startsWith("not from "), String.valueOf(aborted.get()));
    }

    @Test
    void stoppingTheServerClosesItsSessionsAndLeavesTheLoopsRunning() throws Exception {
        IoAcceptor acceptor = acceptor();
        try (ClientSession session = login()) {
            server.stop(true);
            session.waitFor(EnumSet.of(ClientSessionEvent.CLOSED), TIMEOUT);
            assertTrue(session.isClosed(), "the client saw its session end");
            assertEquals(0, acceptor.getManagedSessions().size());
            assertFalse(loops.workers().isShuttingDown(), "the caller's loops keep running");
        }
    }

    private IoAcceptor acceptor() {
        return server.acceptor();
    }

    /** MINA's server, with the acceptor it made in view. */
    private static final class ListeningServer extends SshServer {
        IoAcceptor acceptor() {
            return acceptor;
        }
    }

    /** Prints "ran: " and the command line, then exits 0. */
    private static final class Greeting extends AbstractCommandSupport {
        Greeting(String command) {
            super(command, null);
        }

        @Override
        public void run() {
            try {
                getOutputStream().write(("ran: " + getCommand() + "\n").getBytes(StandardCharsets.UTF_8));
                getOutputStream().flush();
                onExit(0);
            } catch (IOException e) {
                onExit(1, e.getMessage());
            }
        }
    }
}
