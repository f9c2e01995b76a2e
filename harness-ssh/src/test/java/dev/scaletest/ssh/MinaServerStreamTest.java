package dev.scaletest.ssh;

import static dev.scaletest.ssh.StreamChecks.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.errors.ErrorClass;
import dev.scaletest.traffic.EchoCommand;
import dev.scaletest.traffic.StreamConnection;
import dev.scaletest.traffic.StreamFailure;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.core.CoreModuleProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MinaServerStreamTest {
    @TempDir
    static Path dir;

    static KeyPair clientKey;
    static Path clientKeyFile;
    static TestSshServer server;
    static SharedSshClient client;

    @BeforeAll
    static void startServerAndClient() throws Exception {
        clientKey = TestSshServer.ed25519();
        clientKeyFile = dir.resolve("id_ed25519");
        try (OutputStream out = Files.newOutputStream(clientKeyFile)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "test", null, out);
        }
        server = TestSshServer.start(clientKey.getPublic());
        client = SharedSshClient.start();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    private SshTransport.Builder transport() {
        return SshTransport.builder(client)
                .user(TestSshServer.USER)
                .direct("127.0.0.1", server.port())
                .hostKeys(HostKeyPolicy.acceptAny())
                .command(EchoCommand.dd(4096, true))
                .connectTimeout(WAIT);
    }

    private static StreamFailure openFailure(SshTransport transport) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> transport.open(new RecordingListener()).get(WAIT.toSeconds(), TimeUnit.SECONDS));
        return assertInstanceOf(StreamFailure.class, e.getCause());
    }

    @Test
    void passwordAuthEchoesBytesExactlyAndFinishesNormally() throws Exception {
        SshTransport transport = transport().credentials(SshCredentials.password(TestSshServer.PASSWORD)).build();
        assertTrue(transport.acceptsAnyHostKey());
        RecordingListener listener = new RecordingListener();
        StreamConnection stream = transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        StreamChecks.echoAndFinish(stream, listener, 300_000, 1);
    }

    /**
     * A direct stream is paced on its session's event loop, while MINA's own timers and the key
     * exchange write from other threads. MINA numbers each packet as it encrypts it, so a packet that
     * reached the socket out of that order would break the session (AES-GCM's nonce is the count).
     */
    @Test
    void aDirectStreamRunsOnItsSessionsLoopAndWritesFromAnyThreadReachTheSocketInOrder() throws Exception {
        SshTransport transport = transport().credentials(SshCredentials.password(TestSshServer.PASSWORD)).build();
        RecordingListener listener = new RecordingListener();
        StreamConnection stream = transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        ScheduledExecutorService loop = stream.eventLoop();
        assertNotNull(loop, "a direct stream is paced on its session's event loop");
        String loopThread = loop.submit(() -> Thread.currentThread().getName()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(loopThread.startsWith("ssh-loop"), loopThread);

        int chunks = 200;
        byte[] fromLoop = new byte[4096];
        byte[] fromElsewhere = new byte[4096];
        Arrays.fill(fromLoop, (byte) 'a');
        Arrays.fill(fromElsewhere, (byte) 'b');
        Future<?> loopSends = loop.submit(() -> {
            for (int i = 0; i < chunks; i++) {
                stream.send(fromLoop, 0, fromLoop.length);
            }
        });
        // Packets of the session's own (SSH_MSG_IGNORE) from another thread, between the channel's.
        ClientSession session = ((SshStream) stream).session();
        Thread other = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < chunks * 10; i++) {
                try {
                    session.sendIgnoreMessage(fromElsewhere);
                } catch (java.io.IOException e) {
                    return;
                }
                if (i % 10 == 0) {
                    stream.send(fromElsewhere, 0, fromElsewhere.length);
                }
            }
        });
        loopSends.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        other.join(WAIT.toMillis());
        byte[] echoed = listener.awaitBytes(2 * chunks * 4096, WAIT);
        assertEquals(2 * chunks * 4096, echoed.length, "every byte came back over the one session");
        long as = 0;
        for (byte b : echoed) {
            as += b == 'a' ? 1 : 0;
        }
        assertEquals((long) chunks * 4096, as);
        stream.finish(WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNull(listener.awaitClosed(WAIT));
    }

    /** The session takes the command's socket on the client's loops, so a proxied stream is paced as a direct one is. */
    @Test
    void aProxiedStreamRunsOnTheLoopOfTheSocketItsCommandConnectedWith() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash");
        String relay = "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + server.port() + "; cat <&3 & cat >&3'";
        SshTransport transport = transport().route(SshRoute.proxyCommand(relay, "ws-1"))
                .credentials(SshCredentials.password(TestSshServer.PASSWORD)).build();
        RecordingListener listener = new RecordingListener();
        StreamConnection stream = transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        ScheduledExecutorService loop = stream.eventLoop();
        assertNotNull(loop, "a proxied stream is paced on its session's event loop");
        String loopThread = loop.submit(() -> Thread.currentThread().getName()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(loopThread.startsWith("ssh-loop"), loopThread);
        StreamChecks.echoAndFinish(stream, listener, 10_000, 2);
    }

    @Test
    void negotiatesAesGcmFirstAsCodersGoClientDoes() throws Exception {
        SshTransport transport = transport().credentials(SshCredentials.password(TestSshServer.PASSWORD)).build();
        RecordingListener listener = new RecordingListener();
        StreamConnection stream = transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals("aes128-gcm@openssh.com", ((SshStream) stream).clientToServerCipher());
        StreamChecks.echoAndFinish(stream, listener, 10_000, 1);
    }

    /** golang.org/x/crypto/ssh rekeys after a volume of data only (Config.RekeyThreshold); MINA's default adds an hour. */
    @Test
    void aSessionRekeysAfterDataButNeverAfterATimeAsCodersGoClient() throws Exception {
        SshTransport transport = transport().credentials(SshCredentials.password(TestSshServer.PASSWORD)).build();
        RecordingListener listener = new RecordingListener();
        StreamConnection stream = transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        ClientSession session = ((SshStream) stream).session();
        assertEquals(Duration.ZERO, CoreModuleProperties.REKEY_TIME_LIMIT.getRequired(session));
        assertEquals(CoreModuleProperties.REKEY_BYTES_LIMIT.getRequiredDefault(), CoreModuleProperties.REKEY_BYTES_LIMIT.getRequired(session));
        StreamChecks.echoAndFinish(stream, listener, 10_000, 1);
    }

    @Test
    void keyFileAuthWithKnownHostsEchoes() throws Exception {
        Path knownHosts = TestSshServer.knownHosts(dir, server.knownHostsLine());
        SshTransport transport = transport()
                .credentials(SshCredentials.none().withKeyFile(clientKeyFile))
                .hostKeys(HostKeyPolicy.knownHosts(knownHosts))
                .build();
        assertFalse(transport.acceptsAnyHostKey());
        RecordingListener listener = new RecordingListener();
        StreamConnection stream = transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        StreamChecks.echoAndFinish(stream, listener, 10_000, 2);
    }

    @Test
    void badPasswordIsAuthFailureNamingTheTarget() throws Exception {
        StreamFailure failure = openFailure(transport().credentials(SshCredentials.password("wrong")).build());
        assertEquals(ErrorClass.AUTH, failure.errorClass(), failure.getMessage());
        assertTrue(failure.getMessage().startsWith("alice@127.0.0.1:" + server.port() + ": "), failure.getMessage());
    }

    @Test
    void wrongKnownHostKeyIsAuthFailureNamingTheHost() throws Exception {
        KeyPair other = TestSshServer.ed25519();
        String wrongLine = "[127.0.0.1]:" + server.port() + " "
                + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(other.getPublic());
        Path knownHosts = TestSshServer.knownHosts(dir, wrongLine);
        StreamFailure failure = openFailure(transport()
                .credentials(SshCredentials.password(TestSshServer.PASSWORD))
                .hostKeys(HostKeyPolicy.knownHosts(knownHosts)).build());
        assertEquals(ErrorClass.AUTH, failure.errorClass(), failure.getMessage());
        assertTrue(failure.getMessage().contains("[127.0.0.1]:" + server.port()), failure.getMessage());
        assertTrue(failure.getMessage().contains("changed"), failure.getMessage());
    }

    @Test
    void hostMissingFromKnownHostsIsAuthFailure() throws Exception {
        Path knownHosts = TestSshServer.knownHosts(dir, "[127.0.0.1]:1 " + server.knownHostsLine().split(" ", 2)[1]);
        StreamFailure failure = openFailure(transport()
                .credentials(SshCredentials.password(TestSshServer.PASSWORD))
                .hostKeys(HostKeyPolicy.knownHosts(knownHosts)).build());
        assertEquals(ErrorClass.AUTH, failure.errorClass(), failure.getMessage());
        assertTrue(failure.getMessage().contains("is not in " + knownHosts.toAbsolutePath()), failure.getMessage());
    }

    @Test
    void hostKeyCheckBeforeTrafficReportsRejectionsWithTheCallersAdvice() throws Exception {
        Path known = TestSshServer.knownHosts(dir, server.knownHostsLine());
        assertEquals(java.util.Optional.empty(), transport().hostKeys(HostKeyPolicy.knownHosts(known)).build().hostKeyRejection());

        Path unknown = TestSshServer.knownHosts(dir, "[127.0.0.1]:1 " + server.knownHostsLine().split(" ", 2)[1]);
        String rejection = transport().hostKeys(HostKeyPolicy.knownHosts(unknown).withRejectionAdvice("add it or pass --accept"))
                .build().hostKeyRejection().orElseThrow();
        assertTrue(rejection.startsWith("alice@127.0.0.1:" + server.port() + ": host [127.0.0.1]:" + server.port()
                + " is not in " + unknown.toAbsolutePath()), rejection);
        assertTrue(rejection.endsWith("; add it or pass --accept"), rejection);

        String wrongLine = "[127.0.0.1]:" + server.port() + " "
                + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(TestSshServer.ed25519().getPublic());
        Path changed = TestSshServer.knownHosts(dir, wrongLine);
        String changedKey = transport().hostKeys(HostKeyPolicy.knownHosts(changed)).build().hostKeyRejection().orElseThrow();
        assertTrue(changedKey.contains("changed: " + changed.toAbsolutePath() + " has ssh-ed25519 SHA256:"), changedKey);

        SshTransport refused = transport().direct("127.0.0.1", 1).hostKeys(HostKeyPolicy.knownHosts(known)).build();
        assertEquals(java.util.Optional.empty(), refused.hostKeyRejection(), "no verdict without a server: streams report that");
    }

    @Test
    void nonZeroExitStatusIsChannelFailureWithStatusAndStderr() throws Exception {
        SshTransport transport = transport().credentials(SshCredentials.password(TestSshServer.PASSWORD))
                .command("exit 1").build();
        RecordingListener listener = new RecordingListener();
        transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        StreamFailure failure = listener.awaitClosed(WAIT);
        assertNotNull(failure);
        assertEquals(ErrorClass.SSH_CHANNEL, failure.errorClass());
        assertTrue(failure.getMessage().contains("exited with status 1"), failure.getMessage());
        assertTrue(failure.getMessage().contains("failing with status 1"), failure.getMessage());
    }

    @Test
    void refusedExecIsChannelFailure() throws Exception {
        StreamFailure failure = openFailure(transport().credentials(SshCredentials.password(TestSshServer.PASSWORD))
                .command("refuse").build());
        assertEquals(ErrorClass.SSH_CHANNEL, failure.errorClass(), failure.getMessage());
        assertEquals("alice@127.0.0.1:" + server.port() + ": server refused to run `refuse`", failure.getMessage());
    }

    @Test
    void exitStatus255IsANormalEnd() throws Exception {
        SshTransport transport = transport().credentials(SshCredentials.password(TestSshServer.PASSWORD))
                .command("exit 255").build();
        RecordingListener listener = new RecordingListener();
        transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNull(listener.awaitClosed(WAIT));
    }

    @Test
    void discardCommandReadsEverythingAndEchoesNothing() throws Exception {
        SshTransport transport = transport().credentials(SshCredentials.password(TestSshServer.PASSWORD))
                .command(EchoCommand.dd(1024, false)).build();
        assertEquals("dd if=/dev/stdin of=/dev/null bs=1024 status=none", transport.command());
        RecordingListener listener = new RecordingListener();
        StreamConnection stream = transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        StreamChecks.sendAll(stream, StreamChecks.randomBytes(50_000, 3), 1024);
        stream.finish(WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNull(listener.awaitClosed(WAIT));
        assertEquals(0, listener.bytes().length);
        ExecutionException late = assertThrows(ExecutionException.class,
                () -> stream.send(new byte[1], 0, 1).get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertInstanceOf(StreamFailure.class, late.getCause());
    }

    @Test
    void openAgainAfterAStreamEndedUsesANewSession() throws Exception {
        SshTransport transport = transport().credentials(SshCredentials.password(TestSshServer.PASSWORD)).build();
        for (int round = 0; round < 2; round++) {
            RecordingListener listener = new RecordingListener();
            StreamConnection stream = transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (round == 0) {
                stream.abort();
                assertNull(listener.awaitClosed(WAIT));
                assertFalse(stream.writable());
            } else {
                StreamChecks.echoAndFinish(stream, listener, 5_000, round);
            }
        }
    }

    @Test
    void refusedConnectionIsConnectFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StreamFailure failure = openFailure(transport().direct("127.0.0.1", closedPort).build());
        assertEquals(ErrorClass.CONNECT, failure.errorClass(), failure.getMessage());
        assertTrue(failure.getMessage().startsWith("alice@127.0.0.1:" + closedPort + ": connection refused"), failure.getMessage());
    }

    @Test
    void silentServerIsTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            StreamFailure failure = openFailure(transport().direct("127.0.0.1", silent.getLocalPort())
                    .connectTimeout(Duration.ofMillis(1500)).build());
            assertEquals(ErrorClass.TIMEOUT, failure.errorClass(), failure.getMessage());
        }
    }

    @Test
    void fiftyStreamsShareOneClientWithoutAThreadPerStream() throws Exception {
        SshTransport transport = transport().credentials(SshCredentials.password(TestSshServer.PASSWORD)).build();
        RecordingListener warmup = new RecordingListener();
        StreamChecks.echoAndFinish(transport.open(warmup).get(WAIT.toSeconds(), TimeUnit.SECONDS), warmup, 100, 9);
        int before = ManagementFactory.getThreadMXBean().getThreadCount();

        List<RecordingListener> listeners = new ArrayList<>();
        List<StreamConnection> streams = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            RecordingListener listener = new RecordingListener();
            listeners.add(listener);
            streams.add(transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        byte[] data = StreamChecks.randomBytes(2048, 10);
        for (StreamConnection stream : streams) {
            stream.send(data, 0, data.length);
        }
        for (RecordingListener listener : listeners) {
            assertEquals(data.length, listener.awaitBytes(data.length, WAIT).length);
        }
        int during = ManagementFactory.getThreadMXBean().getThreadCount();
        for (StreamConnection stream : streams) {
            stream.finish(WAIT);
        }
        for (RecordingListener listener : listeners) {
            assertNull(listener.awaitClosed(WAIT));
        }
        assertTrue(during - before < 20, "platform threads grew from " + before + " to " + during + " for 50 streams");
    }

    @Test
    void finishSendsHupWhichEndsACommandThatIgnoresEof() throws Exception {
        SshTransport transport = transport().credentials(SshCredentials.password(TestSshServer.PASSWORD))
                .command("wait-for-hup").build();
        RecordingListener listener = new RecordingListener();
        StreamConnection stream = transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        stream.finish(WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNull(listener.awaitClosed(WAIT));
    }

    @Test
    void finishTimesOutWhenTheCommandIgnoresEofAndHup() throws Exception {
        SshTransport transport = transport().credentials(SshCredentials.password(TestSshServer.PASSWORD))
                .command("hang").build();
        RecordingListener listener = new RecordingListener();
        StreamConnection stream = transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stream.finish(Duration.ofMillis(800)).get(WAIT.toSeconds(), TimeUnit.SECONDS));
        StreamFailure failure = assertInstanceOf(StreamFailure.class, e.getCause());
        assertEquals(ErrorClass.TIMEOUT, failure.errorClass(), failure.getMessage());
        assertEquals(failure, listener.awaitClosed(WAIT));
    }

    @Test
    void writableTurnsFalseWhileTheServerDoesNotReadAndAbortFailsQueuedSends() throws Exception {
        SshTransport transport = transport().credentials(SshCredentials.password(TestSshServer.PASSWORD))
                .command("hang").writeHighWaterMark(64 * 1024).build();
        RecordingListener listener = new RecordingListener();
        StreamConnection stream = transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(stream.writable());
        byte[] chunk = new byte[64 * 1024];
        List<java.util.concurrent.CompletableFuture<Void>> sends = new ArrayList<>();
        // Far more than the channel window (2 MiB by default), so the rest must stay queued.
        for (int i = 0; i < 80; i++) {
            sends.add(stream.send(chunk, 0, chunk.length));
        }
        assertFalse(stream.writable());
        stream.abort();
        assertNull(listener.awaitClosed(WAIT));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> sends.getLast().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertInstanceOf(StreamFailure.class, e.getCause());
    }

    @Test
    void serverGoingAwayMidStreamIsConnectFailure() throws Exception {
        TestSshServer dying = TestSshServer.start(clientKey.getPublic());
        try {
            SshTransport transport = transport().direct("127.0.0.1", dying.port())
                    .credentials(SshCredentials.password(TestSshServer.PASSWORD)).command("hang").build();
            RecordingListener listener = new RecordingListener();
            transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            dying.close();
            StreamFailure failure = listener.awaitClosed(WAIT);
            assertNotNull(failure);
            assertEquals(ErrorClass.CONNECT, failure.errorClass(), failure.getMessage());
            assertTrue(failure.getMessage().startsWith("alice@127.0.0.1:" + dying.port() + ": "), failure.getMessage());
        } finally {
            dying.close();
        }
    }

    @Test
    void proxyCommandRelayReachesTheServerAndChecksTheKeyUnderTheWorkspaceName() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash");
        String keyLine = server.knownHostsLine().split(" ", 2)[1];
        Path knownHosts = TestSshServer.knownHosts(dir, "ws-7 " + keyLine);
        // The trailing sleep outlives the connection: only killing the command ends it.
        String relay = "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + server.port() + "; cat <&3 & cat >&3; sleep 600' # {workspace} {user}";
        SshTransport transport = transport()
                .route(SshRoute.proxyCommand(relay, "ws-7"))
                .credentials(SshCredentials.password(TestSshServer.PASSWORD))
                .hostKeys(HostKeyPolicy.knownHosts(knownHosts)).build();
        RecordingListener listener = new RecordingListener();
        StreamConnection stream = transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        StreamChecks.echoAndFinish(stream, listener, 100_000, 30);
        awaitNoChildProcesses();

        RecordingListener aborted = new RecordingListener();
        transport.open(aborted).get(WAIT.toSeconds(), TimeUnit.SECONDS).abort();
        assertNull(aborted.awaitClosed(WAIT));
        awaitNoChildProcesses();

        Path wrongName = TestSshServer.knownHosts(dir, "ws-8 " + keyLine);
        StreamFailure failure = openFailure(transport().route(SshRoute.proxyCommand(relay, "ws-7"))
                .credentials(SshCredentials.password(TestSshServer.PASSWORD))
                .hostKeys(HostKeyPolicy.knownHosts(wrongName)).build());
        assertEquals(ErrorClass.AUTH, failure.errorClass(), failure.getMessage());
        assertTrue(failure.getMessage().contains("host ws-7 is not in"), failure.getMessage());
    }

    /**
     * socat connects to the server, which sends its banner at once, and passes it on as soon as it
     * comes, before or after the session has taken the socket: the session must see it either way.
     */
    @Test
    void aSessionRunsOnTheSocketOfAProxyCommandThatPassesTheServersBannerOnAtOnce() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "no socat");
        String keyLine = server.knownHostsLine().split(" ", 2)[1];
        String socat = "socat - TCP:127.0.0.1:" + server.port();
        SshTransport transport = transport().route(SshRoute.proxyCommand(socat, "ws-9"))
                .credentials(SshCredentials.password(TestSshServer.PASSWORD))
                .hostKeys(HostKeyPolicy.knownHosts(TestSshServer.knownHosts(dir, "ws-9 " + keyLine))).build();
        assertEquals(java.util.Optional.empty(), transport.hostKeyRejection(), "the key is read through the command");
        for (int round = 0; round < 3; round++) {
            RecordingListener listener = new RecordingListener();
            StreamConnection stream = transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            StreamChecks.echoAndFinish(stream, listener, 200_000, 40 + round);
        }
        awaitNoChildProcesses();
        String rejected = transport().route(SshRoute.proxyCommand(socat, "ws-9"))
                .hostKeys(HostKeyPolicy.knownHosts(TestSshServer.knownHosts(dir, "ws-8 " + keyLine))).build()
                .hostKeyRejection().orElseThrow();
        assertTrue(rejected.contains("host ws-9 is not in"), rejected);
        awaitNoChildProcesses();
    }

    /**
     * The command ends while what it started (socat, in the background) still holds the socket: the
     * stream must end all the same, as a lost connection naming the command's status and stderr.
     */
    @Test
    void aProxyCommandThatEndsMidStreamEndsItEvenWhenItsChildStillHoldsTheSocket() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/socat")), "no socat");
        Path stop = dir.resolve("stop-proxy");
        // sh gives a background command /dev/null as stdin unless told otherwise: hand it the socket.
        String command = "exec 4<&0; socat - TCP:127.0.0.1:" + server.port() + " <&4 4<&- & exec 4<&-;"
                + " while [ ! -e " + stop + " ]; do sleep 0.05; done; echo giving up >&2; exit 3";
        SshTransport transport = transport().route(SshRoute.proxyCommand(command, "ws-10"))
                .credentials(SshCredentials.password(TestSshServer.PASSWORD)).command("hang").build();
        RecordingListener listener = new RecordingListener();
        transport.open(listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Files.createFile(stop);
        StreamFailure failure = listener.awaitClosed(WAIT);
        assertNotNull(failure, "the stream ended with its command");
        assertEquals(ErrorClass.CONNECT, failure.errorClass(), failure.getMessage());
        assertTrue(failure.getMessage().contains("SSH connection lost"), failure.getMessage());
        assertTrue(failure.getMessage().contains("proxy command exited with status 3, stderr: giving up"), failure.getMessage());
        awaitNoChildProcesses();
    }

    /** The proxy command and everything it started must be gone once its stream ended; the client's spawner stays. */
    private static void awaitNoChildProcesses() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!commandProcesses().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), commandProcesses());
    }

    private static List<String> commandProcesses() {
        long spawner = client.proxyCommands().spawnerPid();
        return ProcessHandle.current().descendants().filter(p -> p.pid() != spawner)
                .map(p -> p.info().commandLine().orElse("pid " + p.pid())).toList();
    }

    /**
     * The shared client offers the key exchanges of Coder's Go client, in its order (those this
     * runtime implements: ML-KEM needs BouncyCastle), and never sntrup761x25519, whose key
     * generation in plain Java costs the harness tens of milliseconds of CPU per connection. MINA's
     * default server, as here, agrees to the first of them it knows.
     */
    @Test
    void keyExchangesAreTheOnesGosClientOffers() throws Exception {
        List<String> offered = client.client().getKeyExchangeFactories().stream().map(f -> f.getName()).toList();
        List<String> goOrder = List.of("mlkem768x25519-sha256", "curve25519-sha256", "curve25519-sha256@libssh.org",
                "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521", "diffie-hellman-group14-sha256");
        assertEquals(goOrder.stream().filter(n -> BuiltinDHFactories.fromFactoryName(n).isSupported()).toList(), offered);
        List<String> serverKnows = server.mina().getKeyExchangeFactories().stream().map(f -> f.getName()).toList();
        AttributeRepository context = AttributeRepository.ofKeyValuePair(SharedSshClient.HOST_KEY_CHECK,
                HostKeyPolicy.acceptAny().forHost("127.0.0.1", server.port()));
        try (ClientSession session = client.client().connect(TestSshServer.USER, "127.0.0.1", server.port(), context)
                .verify(WAIT).getSession()) {
            session.addPasswordIdentity(TestSshServer.PASSWORD);
            session.auth().verify(WAIT);
            assertEquals(offered.stream().filter(serverKnows::contains).findFirst().orElseThrow(),
                    session.getNegotiatedKexParameter(KexProposalOption.ALGORITHMS));
        }
    }
}
