package dev.scaletest.ssh;

import static dev.scaletest.ssh.StreamChecks.WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.minanetty.NettyServerLoops;
import dev.scaletest.net.NettyClientTransport;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proxy commands through the spawner and the listener, the test taking each command's socket as
 * the SSH session would (MINA sessions on it: {@link MinaServerStreamTest}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProxyCommandRelayTest {
    @TempDir
    Path dir;

    private final NettyClientTransport transport = NettyClientTransport.choose(Map.of());
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, transport.ioHandlers());
    private final NettyServerLoops listenerLoops = new NettyServerLoops(loops, loops, transport.serverChannelType());
    private final ProxyCommands commands = new ProxyCommands("bash", Duration.ofMillis(500), listenerLoops);

    @AfterEach
    void close() {
        commands.close();
        loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }

    @Test
    void bytesGoThroughTheCommandBothWaysAndItsExitAndStderrAreReported() throws Exception {
        ProxyCommandRelay relay = commands.start("echo starting >&2; cat; echo done >&2; exit 5", Map.of());
        byte[] data = StreamChecks.randomBytes(1_000_000, 7);
        try (TakenCommandSocket socket = TakenCommandSocket.of(relay)) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    socket.write(data);
                    socket.shutdownOutput();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, r -> Thread.ofVirtual().start(r));
            assertArrayEquals(data, socket.readToEnd(), "cat's output, then the end of the stream when cat ended");
            sent.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        relay.awaitStderr(WAIT);
        assertTrue(relay.hasEnded());
        assertEquals("proxy command exited with status 5, stderr: starting; done", relay.describeState());
        relay.close();
        assertEquals("proxy command exited with status 5, stderr: starting; done", relay.describeState(), "kept after close");
    }

    @Test
    void whatTheCommandWritesBeforeTheSessionTakesItsSocketIsKept() throws Exception {
        Path wrote = dir.resolve("wrote");
        ProxyCommandRelay relay = commands.start("printf 'SSH-2.0-early\\r\\n'; : > " + wrote + "; exec cat", Map.of());
        awaitFile(wrote);
        try (TakenCommandSocket socket = TakenCommandSocket.of(relay)) {
            socket.write("ping".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            assertEquals("SSH-2.0-early\r\nping", new String(socket.readToEnd(), StandardCharsets.US_ASCII));
        }
    }

    /** What came in the same segment as the token line, and the end that followed it, reach whoever takes the socket. */
    @Test
    void bytesThatFollowTheTokenInTheSameWriteAreLeftOnTheSocket() throws Exception {
        try (RawCommand raw = RawCommand.send(commands, "00112233445566778899aabbccddeeff", "SSH-2.0-OpenSSH_9.6\r\n")) {
            raw.command().shutdownOutput();
            try (TakenCommandSocket session = TakenCommandSocket.take(raw.listened())) {
                assertEquals("SSH-2.0-OpenSSH_9.6\r\n", new String(session.readToEnd(), StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void aSocketClosedBeforeASessionTookItFailsTheHandOverInOneLine() throws Exception {
        try (RawCommand raw = RawCommand.send(commands, "ffeeddccbbaa99887766554433221100", "")) {
            CommandSocket socket = raw.listened();
            socket.close();
            ExecutionException late = assertThrows(ExecutionException.class,
                    () -> socket.handOver(new ChannelInboundHandlerAdapter()).get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals("the proxy command's socket closed before its SSH session took it", late.getCause().getMessage());
            assertClosedByListener(raw.command());
        }
    }

    /**
     * A connection made by hand, as a proxy command's would be, that has sent {@code token}'s line
     * and then {@code after}; the run has one real command, so the listener is up.
     */
    private record RawCommand(Socket command, CompletableFuture<CommandSocket> expected) implements AutoCloseable {
        static RawCommand send(ProxyCommands commands, String token, String after) throws IOException {
            commands.start("true", Map.of());
            CommandListener listener = commands.listener();
            CompletableFuture<CommandSocket> expected = listener.expect(token);
            Socket command = connectTo(listener);
            command.getOutputStream().write((token + "\n" + after).getBytes(StandardCharsets.US_ASCII));
            return new RawCommand(command, expected);
        }

        /** The socket the listener made of this connection once it read the token. */
        CommandSocket listened() throws Exception {
            return expected.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            command.close();
        }
    }

    @Test
    void theEnvironmentAndAnyCommandTextReachTheCommandAsGiven() throws Exception {
        String tricky = "a b 'c' \"d\" $(echo no) `echo no` \\ ; * \n second line";
        ProxyCommandRelay relay = commands.start("printf '%s|%s|%s' \"$PROXY_TEST_VALUE\" \"$PROXY_EMPTY\" 'it'\"'\"'s\n$HOME'",
                Map.of("PROXY_TEST_VALUE", tricky, "PROXY_EMPTY", ""));
        try (TakenCommandSocket socket = TakenCommandSocket.of(relay)) {
            assertEquals(tricky + "||it's\n$HOME", new String(socket.readToEnd(), StandardCharsets.UTF_8));
        }
        relay.awaitStderr(WAIT);
        assertEquals("proxy command exited with status 0", relay.describeState());
    }

    @Test
    void closeKillsTheCommandAndWhatItStartedEvenWhenTheyIgnoreEofAndSigterm() throws Exception {
        Path pids = dir.resolve("pids");
        ProxyCommandRelay quiet = commands.start("echo $$ >> " + pids + "; exec sleep 1000", Map.of());
        ProxyCommandRelay stubborn = commands.start("trap '' TERM; sleep 1000 & echo $! >> " + pids + "; wait", Map.of());
        try (TakenCommandSocket a = TakenCommandSocket.of(quiet); TakenCommandSocket b = TakenCommandSocket.of(stubborn)) {
            a.shutdownOutput();
            b.shutdownOutput();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while ((!Files.exists(pids) || Files.readAllLines(pids).size() < 2) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            var handles = Files.readAllLines(pids).stream().map(p -> ProcessHandle.of(Long.parseLong(p)).orElseThrow()).toList();
            Thread.sleep(300);
            assertTrue(handles.stream().allMatch(ProcessHandle::isAlive), "EOF on stdin does not end them");
            quiet.close();
            stubborn.close();
            for (ProcessHandle h : handles) {
                h.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            assertFalse(a.isOpen(), "the stream's socket is closed");
            assertFalse(b.isOpen(), "the stream's socket is closed");
        }
        awaitNoCommands();
    }

    @Test
    void aConnectionWithAWrongTokenNoTokenOrNoTokenLineGetsNoStream() throws Exception {
        ProxyCommandRelay relay = commands.start("printf secret; exec cat", Map.of());
        CommandListener listener = commands.listener();
        byte[] notALine = "this line is longer than any token could be\n".getBytes(StandardCharsets.US_ASCII);
        try (Socket wrong = connectTo(listener); Socket silent = connectTo(listener); Socket stranger = connectTo(listener);
                Socket early = connectTo(listener)) {
            wrong.getOutputStream().write("0123456789abcdef0123456789abcdef\nhello".getBytes(StandardCharsets.US_ASCII));
            stranger.getOutputStream().write(notALine);
            early.getOutputStream().write("0123".getBytes(StandardCharsets.US_ASCII));
            early.shutdownOutput();
            assertClosedByListener(wrong);
            assertClosedByListener(stranger);
            assertClosedByListener(early);
            assertClosedByListener(silent);
        }
        assertEquals(4, listener.refusedConnections());
        try (TakenCommandSocket socket = TakenCommandSocket.of(relay)) {
            socket.write("!".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            assertEquals("secret!", new String(socket.readToEnd(), StandardCharsets.US_ASCII));
        }
        relay.awaitStderr(WAIT);
        assertTrue(relay.describeState().contains("4 local connections were refused by the relay for a wrong or missing token"),
                relay.describeState());
    }

    /** The listener closed the connection: an end of stream, or a reset where it closed with bytes of ours unread. */
    private static void assertClosedByListener(Socket socket) throws IOException {
        try {
            assertEquals(-1, socket.getInputStream().read(), "nothing but the end");
        } catch (java.net.SocketException e) {
            assertEquals("Connection reset", e.getMessage());
        }
    }

    private static Socket connectTo(CommandListener listener) throws IOException {
        Socket socket = new Socket(listener.address().getAddress(), listener.address().getPort());
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    @Test
    void aSpawnerThatDiesFailsItsStreamsAndTheNextCommandGetsANewOne() throws Exception {
        ProxyCommandRelay relay = commands.start("exec cat", Map.of());
        Path pid = dir.resolve("pid");
        ProxyCommandRelay deaf = commands.start("echo $$ > " + pid + "; exec sleep 1000", Map.of());
        CountDownLatch ended = new CountDownLatch(1);
        relay.whenExited(ended::countDown);
        long firstSpawner = commands.spawnerPid();
        try (TakenCommandSocket socket = TakenCommandSocket.of(relay)) {
            socket.write(new byte[] {1});
            assertArrayEquals(new byte[] {1}, socket.read(1));
            ProcessHandle sleeper = awaitPid(pid);
            ProcessHandle.of(firstSpawner).orElseThrow().destroyForcibly();
            sleeper.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(deaf.hasEnded(), "a command that ignores its stdin is killed with its spawner");
            assertTrue(ended.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertTrue(relay.describeState().startsWith("the proxy command spawner (bash, pid " + firstSpawner + ") ended with status 137"),
                    relay.describeState());
            assertTrue(socket.awaitEnd(), "the socket ends");
        }
        ProxyCommandRelay next = commands.start("echo again", Map.of());
        assertNotEquals(firstSpawner, commands.spawnerPid());
        try (TakenCommandSocket socket = TakenCommandSocket.of(next)) {
            assertEquals("again\n", new String(socket.readToEnd(), StandardCharsets.US_ASCII));
        }
        relay.close();
        next.close();
        awaitNoCommands();
    }

    @Test
    void closingTheClientsCommandsEndsTheSpawnerAndRemovesTheFiles() throws Exception {
        ProxyCommandRelay relay = commands.start("echo to-stderr >&2; exec sleep 1000", Map.of());
        Path folder = commands.folder();
        ProcessHandle spawner = ProcessHandle.of(commands.spawnerPid()).orElseThrow();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (relay.describeState().equals("proxy command still running") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        commands.close();
        spawner.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        awaitNoCommands();
        assertFalse(Files.exists(folder), folder + " removed");
        IOException closed = assertThrows(IOException.class, () -> commands.start("true", Map.of()));
        assertEquals("the SSH client is closed", closed.getMessage());
    }

    @Test
    void withoutBashOrItsDevTcpProxyCommandsFailInOneLine() {
        try (ProxyCommands noBash = new ProxyCommands(dir.resolve("no-bash").toString(), Duration.ofSeconds(5), listenerLoops);
                ProxyCommands noDevTcp = new ProxyCommands("/bin/sh", Duration.ofSeconds(5), listenerLoops)) {
            IOException missing = assertThrows(IOException.class, () -> noBash.start("true", Map.of()));
            assertTrue(missing.getMessage().startsWith("proxy commands are started through bash, and `" + dir.resolve("no-bash")
                    + "` could not be run ("), missing.getMessage());
            assertTrue(missing.getMessage().endsWith("): install bash"), missing.getMessage());
            IOException dash = assertThrows(IOException.class, () -> noDevTcp.start("true", Map.of()));
            assertTrue(dash.getMessage().startsWith("proxy commands are started through bash's /dev/tcp, which `/bin/sh` does not offer"),
                    dash.getMessage());
            for (IOException e : java.util.List.of(missing, dash)) {
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            }
        }
    }

    /** The spawner, if any, runs no command any more. */
    private void awaitNoCommands() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (commandProcesses().length > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertArrayEquals(new String[0], commandProcesses());
    }

    private String[] commandProcesses() {
        long spawner = commands.spawnerPid();
        return ProcessHandle.current().descendants().filter(p -> p.pid() != spawner)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toArray(String[]::new);
    }

    /** The process whose pid the command wrote, with a newline, to {@code file}. */
    private static ProcessHandle awaitPid(Path file) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!(Files.exists(file) && Files.readString(file).endsWith("\n")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return ProcessHandle.of(Long.parseLong(Files.readString(file).strip())).orElseThrow();
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(file), file + " was written");
    }
}
