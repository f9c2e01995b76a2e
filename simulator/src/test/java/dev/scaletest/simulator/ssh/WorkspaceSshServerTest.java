package dev.scaletest.simulator.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.minanetty.NettyServerLoops;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.SimulatorStats;
import dev.scaletest.simulator.agent.AgentTarget;
import dev.scaletest.simulator.terminal.CommandOutput;
import dev.scaletest.simulator.terminal.InMemoryAgents;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceSshServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String DD_STDOUT = "dd if=/dev/stdin of=/dev/stdout bs=4096 status=none";
    private static final String DD_NULL = "dd if=/dev/stdin of=/dev/null bs=4096 status=none";

    private final SimulatorStats stats = new SimulatorStats();
    private final InMemoryAgents agents = new InMemoryAgents();
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID admin = UUID.randomUUID();
    /** Java NIO's loops here; the simulator runs the server on its HTTP server's (epoll where it loads). */
    private final NettyServerLoops loops = new NettyServerLoops(new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()),
            new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory()), NioServerSocketChannel.class);
    private KeyPair authorizedKey;
    private WorkspaceSshServer server;
    private SshClient client;

    @BeforeEach
    void start() throws Exception {
        agents.addWorkspace("alice", alice, "ws1", "connected");
        agents.addWorkspace("alice", alice, "offline", "disconnected");
        agents.addToken("alice-token", alice, false);
        agents.addToken("bob-token", bob, false);
        agents.addToken("admin-token", admin, true);
        authorizedKey = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
        server = start(Faults.none(), SshOptions.defaults()
                .withAuthorizedKeys(List.of(authorizedKey.getPublic()))
                .withCommands(Map.of("echo ready", new CommandOutput(List.of("ready", "steady"), false))));
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> KeyUtils.compareKeys(key, server.hostPublicKey()));
        client.start();
    }

    private WorkspaceSshServer start(Faults faults, SshOptions options) throws IOException {
        WorkspaceSshServer started = new WorkspaceSshServer(options, agents, faults, System.nanoTime(), stats, loops);
        started.start();
        return started;
    }

    @AfterEach
    void stop() throws IOException {
        client.stop();
        server.close();
        loops.acceptors().shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        loops.workers().shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private ClientSession login(String user, String password) throws IOException {
        ClientSession session = client.connect(user, server.address()).verify(TIMEOUT).getSession();
        session.addPasswordIdentity(password);
        session.auth().verify(TIMEOUT);
        return session;
    }

    private static void sendSignal(ClientSession session, ChannelExec channel, String signal) throws IOException {
        Buffer request = session.createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST);
        request.putUInt(channel.getRecipient());
        request.putString("signal");
        request.putBoolean(false);
        request.putString(signal);
        session.writePacket(request);
    }

    private static void awaitSize(ByteArrayOutputStream out, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (out.size() < size) {
            assertTrue(System.nanoTime() < deadline, "received " + out.size() + " of " + size + " bytes");
            Thread.sleep(5);
        }
    }

    @Test
    void passwordIsATokenOfTheOwnerOrOfASiteOwner() throws IOException {
        for (String user : List.of("alice.ws1", "ws1", "ws1.main", "ALICE.WS1")) {
            try (ClientSession session = login(user, "alice-token")) {
                assertTrue(session.isAuthenticated(), user);
            }
        }
        try (ClientSession session = login("alice.ws1", "admin-token")) {
            assertTrue(session.isAuthenticated());
        }
        assertThrows(IOException.class, () -> login("alice.ws1", "bob-token").close());
        assertThrows(IOException.class, () -> login("alice.ws1", "no-such-token").close());
        assertThrows(IOException.class, () -> login("bob.ws1", "alice-token").close());
        assertThrows(IOException.class, () -> login("ws1.other", "alice-token").close());
    }

    @Test
    void withOwnerWorkspaceAccessDisabledASiteOwnerMayNotLogInToAnotherUsersWorkspace() throws IOException {
        agents.ownerWorkspaceAccessDisabled(true);
        agents.addWorkspace("admin", admin, "own", "connected");
        assertThrows(IOException.class, () -> login("alice.ws1", "admin-token").close());
        try (ClientSession session = login("alice.ws1", "alice-token")) {
            assertTrue(session.isAuthenticated(), "the workspace's owner still gets in");
        }
        try (ClientSession session = login("admin.own", "admin-token")) {
            assertTrue(session.isAuthenticated(), "so does the site owner on a workspace of its own");
        }
    }

    @Test
    void authorizedPublicKeyOpensAnyWorkspaceAndOthersDoNot() throws Exception {
        try (ClientSession session = client.connect("alice.ws1", server.address()).verify(TIMEOUT).getSession()) {
            session.addPublicKeyIdentity(authorizedKey);
            session.auth().verify(TIMEOUT);
            assertTrue(session.isAuthenticated());
        }
        KeyPair stranger = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
        try (ClientSession session = client.connect("alice.ws1", server.address()).verify(TIMEOUT).getSession()) {
            session.addPublicKeyIdentity(stranger);
            assertThrows(IOException.class, () -> session.auth().verify(TIMEOUT));
        }
    }

    @Test
    void workspaceWhoseAgentIsNotConnectedIsRefused() {
        assertThrows(IOException.class, () -> login("alice.offline", "alice-token").close());
        assertThrows(IOException.class, () -> login("alice.offline", "admin-token").close());
    }

    @Test
    void ddEchoesEachTickInBlocksOfItsBlockSizeAsDdReadsThem() throws Exception {
        assertEquals(List.of(4096), echoedChunks(DD_STDOUT, 4096));
        assertEquals(List.of(1024, 1024, 1024, 1024), echoedChunks("dd if=/dev/stdin of=/dev/stdout bs=1k", 4096));
        assertEquals(Collections.nCopies(8, 512), echoedChunks("dd if=/dev/stdin of=/dev/stdout", 4096));
    }

    /** The sizes of the data packets that echo one write of {@code size} bytes (each reaches setOut as one write). */
    private List<Integer> echoedChunks(String command, int size) throws Exception {
        List<Integer> chunks = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream echoed = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                chunks.add(len);
                echoed.write(b, off, len);
            }
        };
        try (ClientSession session = login("alice.ws1", "alice-token");
                ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.open().verify(TIMEOUT);
            OutputStream stdin = channel.getInvertedIn();
            stdin.write(new byte[size]);
            stdin.flush();
            awaitSize(echoed, size);
            stdin.close();
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
        }
        return List.copyOf(chunks);
    }

    @Test
    void ddToStdoutEchoesExactlyTheBytesSentAndExitsZeroOnEof() throws Exception {
        byte[] payload = new byte[200_000];
        new Random(7).nextBytes(payload);
        try (ClientSession session = login("alice.ws1", "alice-token");
                ChannelExec channel = session.createExecChannel(DD_STDOUT)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            channel.setOut(out);
            channel.open().verify(TIMEOUT);
            awaitSessions(1);
            OutputStream stdin = channel.getInvertedIn();
            for (int offset = 0; offset < payload.length; offset += 1000) {
                stdin.write(payload, offset, Math.min(1000, payload.length - offset));
                stdin.flush();
            }
            awaitSize(out, payload.length);
            stdin.close();
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
            assertEquals(0, channel.getExitStatus());
            assertArrayEquals(payload, out.toByteArray());
            assertEquals(payload.length, stats.bytesReceived.sum());
            assertEquals(payload.length, stats.bytesEchoed.sum());
        }
    }

    @Test
    void ddToDevNullDiscardsInput() throws Exception {
        try (ClientSession session = login("ws1", "alice-token");
                ChannelExec channel = session.createExecChannel(DD_NULL)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            channel.setOut(out);
            channel.open().verify(TIMEOUT);
            OutputStream stdin = channel.getInvertedIn();
            stdin.write("discard me\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (stats.bytesReceived.sum() < 11 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            stdin.close();
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
            assertEquals(0, channel.getExitStatus());
            assertEquals(0, out.size());
            assertEquals(11, stats.bytesReceived.sum());
        }
    }

    @Test
    void hangupSignalEndsTheCommandWithStatus255() throws Exception {
        try (ClientSession session = login("alice.ws1", "alice-token");
                ChannelExec channel = session.createExecChannel(DD_STDOUT)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            channel.setOut(out);
            channel.open().verify(TIMEOUT);
            channel.getInvertedIn().write('x');
            channel.getInvertedIn().flush();
            awaitSize(out, 1);
            sendSignal(session, channel, "HUP");
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
            assertEquals(WorkspaceSshServer.SIGNALLED_EXIT_STATUS, channel.getExitStatus());
        }
    }

    @Test
    void otherCommandsPrintConfiguredOrDefaultOutputAndExitZero() throws Exception {
        try (ClientSession session = login("alice.ws1", "alice-token")) {
            assertEquals("ready\nsteady\n", session.executeRemoteCommand("echo ready"));
            assertEquals("uname -a: simulated\n", session.executeRemoteCommand("uname -a"));
        }
    }

    @Test
    void shellSessionsSayTheyAreNotSimulatedAndExitOne() throws Exception {
        try (ClientSession session = login("alice.ws1", "alice-token");
                ClientChannel shell = session.createShellChannel()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            shell.setOut(out);
            shell.open().verify(TIMEOUT);
            assertTrue(shell.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT).contains(ClientChannelEvent.CLOSED));
            assertEquals(1, shell.getExitStatus());
            assertEquals(WorkspaceSshServer.SHELL_REFUSAL + "\n", out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void hostKeyIsStableWhenPersistedAndGivesAKnownHostsLine(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("host.key");
        String first;
        try (WorkspaceSshServer persisted = start(Faults.none(), SshOptions.defaults().withHostKeyPath(keyFile))) {
            first = persisted.hostKeyFingerprint();
            assertTrue(persisted.knownHostsLine().startsWith("[127.0.0.1]:" + persisted.address().getPort()
                    + " ecdsa-sha2-nistp256 AAAA"), persisted.knownHostsLine());
        }
        try (WorkspaceSshServer again = start(Faults.none(), SshOptions.defaults().withHostKeyPath(keyFile))) {
            assertEquals(first, again.hostKeyFingerprint());
        }
        assertTrue(first.startsWith("SHA256:"), first);
    }

    @Test
    void dropRateOneCutsTheSessionWithoutExitStatus() throws Exception {
        server.close();
        server = start(new Faults(Map.of(), 0, 0, Duration.ofSeconds(1), 0, false, 0, 1.0, Duration.ZERO,
                Duration.ZERO), SshOptions.defaults());
        try (ClientSession session = login("alice.ws1", "alice-token");
                ChannelExec channel = session.createExecChannel(DD_STDOUT)) {
            channel.setOut(new ByteArrayOutputStream());
            channel.open().verify(TIMEOUT);
            long start = System.nanoTime();
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
            session.waitFor(EnumSet.of(ClientSession.ClientSessionEvent.CLOSED), TIMEOUT);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis < 3000, "dropped after " + elapsedMillis + " ms");
            assertEquals(null, channel.getExitStatus());
            assertEquals(1, stats.streamsDropped.sum());
        }
    }

    @Test
    void stallHoldsTheEchoUntilTheWindowCloses() throws Exception {
        server.close();
        long start = System.nanoTime();
        Duration stallAt = Duration.ofMillis(1000);
        Duration stallFor = Duration.ofMillis(1200);
        server = new WorkspaceSshServer(SshOptions.defaults(), agents, new Faults(Map.of(), 0, 0, Duration.ofSeconds(1),
                0, false, 0, 0, stallAt, stallFor), start, stats, loops);
        server.start();
        try (ClientSession session = login("alice.ws1", "alice-token");
                ChannelExec channel = session.createExecChannel(DD_STDOUT)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            channel.setOut(out);
            channel.open().verify(TIMEOUT);
            OutputStream stdin = channel.getInvertedIn();
            stdin.write('a');
            stdin.flush();
            awaitSize(out, 1);
            long stallStart = start + stallAt.toNanos();
            while (System.nanoTime() < stallStart + 100_000_000L) {
                Thread.sleep(20);
            }
            long sent = System.nanoTime();
            stdin.write('b');
            stdin.flush();
            awaitSize(out, 2);
            long echoed = System.nanoTime();
            assertTrue(echoed >= stallStart + stallFor.toNanos(), "echo arrived inside the stall window");
            assertTrue(echoed - sent >= 800_000_000L, "echo delayed only " + (echoed - sent) / 1_000_000 + " ms");
        }
    }

    private void awaitSessions(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (stats.sshSessionsOpen.sum() != expected) {
            assertTrue(System.nanoTime() < deadline, "open SSH sessions stayed at " + stats.sshSessionsOpen.sum());
            Thread.sleep(5);
        }
    }

    /** A Coder agent speaks golang.org/x/crypto/ssh, which has no sntrup761: a client that offers only it is refused. */
    @Test
    void keyExchangesAreTheAgentsAndSntrup761IsRefused() throws Exception {
        try (ClientSession session = client.connect("alice.ws1", server.address()).verify(TIMEOUT).getSession()) {
            session.addPasswordIdentity("alice-token");
            session.auth().verify(TIMEOUT);
            assertEquals("mlkem768x25519-sha256", session.getNegotiatedKexParameter(KexProposalOption.ALGORITHMS),
                    "MINA's default client offers sntrup761x25519 first; the agent's first choice wins");
        }
        SshClient pqOnly = SshClient.setUpDefaultClient();
        pqOnly.setServerKeyVerifier((session, address, key) -> true);
        pqOnly.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false,
                List.of(BuiltinDHFactories.sntrup761x25519, BuiltinDHFactories.sntrup761x25519_openssh), ClientBuilder.DH2KEX));
        pqOnly.start();
        try {
            assertThrows(IOException.class, () -> {
                try (ClientSession session = pqOnly.connect("alice.ws1", server.address()).verify(TIMEOUT).getSession()) {
                    session.addPasswordIdentity("alice-token");
                    session.auth().verify(TIMEOUT);
                }
            });
        } finally {
            pqOnly.stop();
        }
    }
}
