package dev.scaletest.ssh;

import static dev.scaletest.ssh.StreamChecks.WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Proxy commands through the spawner and the splice, with a plain socket standing in for MINA. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProxyCommandRelayTest {
    @TempDir
    Path dir;

    private final ProxyCommands commands = new ProxyCommands("bash", Duration.ofMillis(500));

    @AfterEach
    void close() {
        commands.close();
    }

    /** Connects as the SSH client would and attaches, so the relay takes this socket. */
    static Socket connect(ProxyCommandRelay relay) throws IOException {
        Socket socket = new Socket(relay.address().getAddress(), relay.address().getPort());
        socket.setSoTimeout((int) WAIT.toMillis());
        relay.attach(socket.getLocalSocketAddress());
        return socket;
    }

    static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    @Test
    void bytesGoThroughTheCommandBothWaysAndItsExitAndStderrAreReported() throws Exception {
        ProxyCommandRelay relay = commands.start("echo starting >&2; cat; echo done >&2; exit 5", Map.of());
        byte[] data = StreamChecks.randomBytes(1_000_000, 7);
        try (Socket socket = connect(relay)) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    socket.getOutputStream().write(data);
                    socket.shutdownOutput();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, r -> Thread.ofVirtual().start(r));
            assertArrayEquals(data, readToEnd(socket.getInputStream()), "cat's output, then the end of the stream when cat ended");
            sent.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        relay.awaitStderr(WAIT);
        assertTrue(relay.hasEnded());
        assertEquals("proxy command exited with status 5, stderr: starting; done", relay.describeState());
        relay.close();
        assertEquals("proxy command exited with status 5, stderr: starting; done", relay.describeState(), "kept after close");
    }

    @Test
    void whatTheCommandWritesBeforeTheClientIsThereIsKept() throws Exception {
        Path wrote = dir.resolve("wrote");
        ProxyCommandRelay relay = commands.start("printf 'SSH-2.0-early\\r\\n'; : > " + wrote + "; exec cat", Map.of());
        awaitFile(wrote);
        try (Socket socket = connect(relay)) {
            socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            assertEquals("SSH-2.0-early\r\nping", new String(readToEnd(socket.getInputStream()), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void theEnvironmentAndAnyCommandTextReachTheCommandAsGiven() throws Exception {
        String tricky = "a b 'c' \"d\" $(echo no) `echo no` \\ ; * \n second line";
        ProxyCommandRelay relay = commands.start("printf '%s|%s|%s' \"$PROXY_TEST_VALUE\" \"$PROXY_EMPTY\" 'it'\"'\"'s\n$HOME'",
                Map.of("PROXY_TEST_VALUE", tricky, "PROXY_EMPTY", ""));
        try (Socket socket = connect(relay)) {
            assertEquals(tricky + "||it's\n$HOME", new String(readToEnd(socket.getInputStream()), StandardCharsets.UTF_8));
        }
        relay.awaitStderr(WAIT);
        assertEquals("proxy command exited with status 0", relay.describeState());
    }

    @Test
    void closeKillsTheCommandAndWhatItStartedEvenWhenTheyIgnoreEofAndSigterm() throws Exception {
        Path pids = dir.resolve("pids");
        ProxyCommandRelay quiet = commands.start("echo $$ >> " + pids + "; exec sleep 1000", Map.of());
        ProxyCommandRelay stubborn = commands.start("trap '' TERM; sleep 1000 & echo $! >> " + pids + "; wait", Map.of());
        try (Socket a = connect(quiet); Socket b = connect(stubborn)) {
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
            assertEquals(-1, a.getInputStream().read(), "the stream's socket is closed");
        }
        awaitNoCommands();
    }

    @Test
    void aConnectionWithAWrongOrNoTokenGetsNoStream() throws Exception {
        ProxyCommandRelay relay = commands.start("printf secret; exec cat", Map.of());
        LoopbackSplice splice = commands.splice();
        try (Socket wrong = new Socket(splice.commandAddress().getAddress(), splice.commandAddress().getPort());
                Socket silent = new Socket(splice.commandAddress().getAddress(), splice.commandAddress().getPort())) {
            wrong.setSoTimeout((int) WAIT.toMillis());
            silent.setSoTimeout((int) WAIT.toMillis());
            wrong.getOutputStream().write("0123456789abcdef0123456789abcdef\nhello".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, wrong.getInputStream().read(), "closed at once");
            assertEquals(-1, silent.getInputStream().read(), "closed once the token wait is over");
        }
        assertEquals(2, splice.refusedConnections());
        try (Socket stranger = new Socket(relay.address().getAddress(), relay.address().getPort()); Socket socket = connect(relay)) {
            socket.getOutputStream().write("!".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            assertEquals("secret!", new String(readToEnd(socket.getInputStream()), StandardCharsets.US_ASCII));
            stranger.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> stranger.getInputStream().read(), "a stranger gets nothing");
        }
        relay.awaitStderr(WAIT);
        assertTrue(relay.describeState().contains("2 local connections were refused by the relay for a wrong or missing token"),
                relay.describeState());
    }

    @Test
    void aSpawnerThatDiesFailsItsStreamsAndTheNextCommandGetsANewOne() throws Exception {
        ProxyCommandRelay relay = commands.start("exec cat", Map.of());
        Path pid = dir.resolve("pid");
        ProxyCommandRelay deaf = commands.start("echo $$ > " + pid + "; exec sleep 1000", Map.of());
        CountDownLatch ended = new CountDownLatch(1);
        relay.whenExited(ended::countDown);
        long firstSpawner = commands.spawnerPid();
        try (Socket socket = connect(relay)) {
            socket.getOutputStream().write(1);
            assertEquals(1, socket.getInputStream().read());
            ProcessHandle sleeper = awaitPid(pid);
            ProcessHandle.of(firstSpawner).orElseThrow().destroyForcibly();
            sleeper.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(deaf.hasEnded(), "a command that ignores its stdin is killed with its spawner");
            assertTrue(ended.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertTrue(relay.describeState().startsWith("the proxy command spawner (bash, pid " + firstSpawner + ") ended with status 137"),
                    relay.describeState());
            assertEquals(-1, socket.getInputStream().read(), "the stream ended with its spawner");
        }
        ProxyCommandRelay next = commands.start("echo again", Map.of());
        assertNotEquals(firstSpawner, commands.spawnerPid());
        try (Socket socket = connect(next)) {
            assertEquals("again\n", new String(readToEnd(socket.getInputStream()), StandardCharsets.US_ASCII));
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
        try (ProxyCommands noBash = new ProxyCommands(dir.resolve("no-bash").toString(), Duration.ofSeconds(5));
                ProxyCommands noDevTcp = new ProxyCommands("/bin/sh", Duration.ofSeconds(5))) {
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
