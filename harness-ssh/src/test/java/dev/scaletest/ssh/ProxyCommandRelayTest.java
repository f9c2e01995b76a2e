package dev.scaletest.ssh;

import static dev.scaletest.ssh.StreamChecks.WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
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

    private final AsynchronousChannelGroup group = newGroup();
    private final ProxyCommands commands = new ProxyCommands("bash", Duration.ofMillis(500), group);

    @AfterEach
    void close() throws IOException {
        commands.close();
        group.shutdownNow();
    }

    /** A channel group as the SSH client's: a small fixed pool behind the group. */
    static AsynchronousChannelGroup newGroup() {
        try {
            return AsynchronousChannelGroup.withThreadPool(Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().factory()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The socket the command connected with, as the session takes it. */
    static AsynchronousSocketChannel socket(ProxyCommandRelay relay) throws Exception {
        return relay.socket().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    static byte[] readToEnd(AsynchronousSocketChannel socket) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Channels.newInputStream(socket).transferTo(out);
        return out.toByteArray();
    }

    static void write(AsynchronousSocketChannel socket, byte[] data) throws IOException {
        OutputStream out = Channels.newOutputStream(socket);
        out.write(data);
        out.flush();
    }

    /** The socket ends: its peer closed it (EOF) or the relay did. */
    static void assertEnds(AsynchronousSocketChannel socket) throws Exception {
        try {
            int read = socket.read(ByteBuffer.allocate(1)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(-1, read, "end of stream");
        } catch (ExecutionException e) {
            assertInstanceOf(ClosedChannelException.class, e.getCause(), "closed by the relay");
        }
    }

    @Test
    void bytesGoThroughTheCommandBothWaysAndItsExitAndStderrAreReported() throws Exception {
        ProxyCommandRelay relay = commands.start("echo starting >&2; cat; echo done >&2; exit 5", Map.of());
        byte[] data = StreamChecks.randomBytes(1_000_000, 7);
        try (AsynchronousSocketChannel socket = socket(relay)) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    write(socket, data);
                    socket.shutdownOutput();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, r -> Thread.ofVirtual().start(r));
            assertArrayEquals(data, readToEnd(socket), "cat's output, then the end of the stream when cat ended");
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
        try (AsynchronousSocketChannel socket = socket(relay)) {
            write(socket, "ping".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            assertEquals("SSH-2.0-early\r\nping", new String(readToEnd(socket), StandardCharsets.US_ASCII));
        }
    }

    /** The token line is read to its newline and not one byte further, even when more came in the same segment. */
    @Test
    void bytesThatFollowTheTokenInTheSameWriteAreLeftOnTheSocket() throws Exception {
        commands.start("true", Map.of());
        CommandListener listener = commands.listener();
        String token = "00112233445566778899aabbccddeeff";
        CompletableFuture<AsynchronousSocketChannel> expected = listener.expect(token);
        try (Socket command = new Socket(listener.address().getAddress(), listener.address().getPort())) {
            command.getOutputStream().write((token + "\nSSH-2.0-OpenSSH_9.6\r\n").getBytes(StandardCharsets.US_ASCII));
            command.shutdownOutput();
            try (AsynchronousSocketChannel session = expected.get(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                assertEquals("SSH-2.0-OpenSSH_9.6\r\n", new String(readToEnd(session), StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void theEnvironmentAndAnyCommandTextReachTheCommandAsGiven() throws Exception {
        String tricky = "a b 'c' \"d\" $(echo no) `echo no` \\ ; * \n second line";
        ProxyCommandRelay relay = commands.start("printf '%s|%s|%s' \"$PROXY_TEST_VALUE\" \"$PROXY_EMPTY\" 'it'\"'\"'s\n$HOME'",
                Map.of("PROXY_TEST_VALUE", tricky, "PROXY_EMPTY", ""));
        try (AsynchronousSocketChannel socket = socket(relay)) {
            assertEquals(tricky + "||it's\n$HOME", new String(readToEnd(socket), StandardCharsets.UTF_8));
        }
        relay.awaitStderr(WAIT);
        assertEquals("proxy command exited with status 0", relay.describeState());
    }

    @Test
    void closeKillsTheCommandAndWhatItStartedEvenWhenTheyIgnoreEofAndSigterm() throws Exception {
        Path pids = dir.resolve("pids");
        ProxyCommandRelay quiet = commands.start("echo $$ >> " + pids + "; exec sleep 1000", Map.of());
        ProxyCommandRelay stubborn = commands.start("trap '' TERM; sleep 1000 & echo $! >> " + pids + "; wait", Map.of());
        try (AsynchronousSocketChannel a = socket(quiet); AsynchronousSocketChannel b = socket(stubborn)) {
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
        try (AsynchronousSocketChannel socket = socket(relay)) {
            write(socket, "!".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            assertEquals("secret!", new String(readToEnd(socket), StandardCharsets.US_ASCII));
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
        try (AsynchronousSocketChannel socket = socket(relay)) {
            write(socket, new byte[] {1});
            ByteBuffer echoed = ByteBuffer.allocate(1);
            assertEquals(1, socket.read(echoed).get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(1, echoed.get(0));
            ProcessHandle sleeper = awaitPid(pid);
            ProcessHandle.of(firstSpawner).orElseThrow().destroyForcibly();
            sleeper.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(deaf.hasEnded(), "a command that ignores its stdin is killed with its spawner");
            assertTrue(ended.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertTrue(relay.describeState().startsWith("the proxy command spawner (bash, pid " + firstSpawner + ") ended with status 137"),
                    relay.describeState());
            assertEnds(socket);
        }
        ProxyCommandRelay next = commands.start("echo again", Map.of());
        assertNotEquals(firstSpawner, commands.spawnerPid());
        try (AsynchronousSocketChannel socket = socket(next)) {
            assertEquals("again\n", new String(readToEnd(socket), StandardCharsets.US_ASCII));
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
        try (ProxyCommands noBash = new ProxyCommands(dir.resolve("no-bash").toString(), Duration.ofSeconds(5), group);
                ProxyCommands noDevTcp = new ProxyCommands("/bin/sh", Duration.ofSeconds(5), group)) {
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
