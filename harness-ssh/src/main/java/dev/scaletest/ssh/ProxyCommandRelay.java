package dev.scaletest.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a proxy command (OpenSSH's ProxyCommand) and bridges it to MINA, which only speaks TCP: the
 * command's stdin/stdout are pumped to and from the one connection accepted on an ephemeral
 * loopback port, to which the SSH client connects. Pumping starts only after the accepted peer is
 * shown to be our own client socket, so another local process cannot take the connection.
 */
final class ProxyCommandRelay implements AutoCloseable {
    private static final int PUMP_BUFFER = 32 * 1024;
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);

    private final String commandLine;
    private final Process process;
    private final ServerSocket listener;
    private final CompletableFuture<Socket> accepted = new CompletableFuture<>();
    private final StderrTail stderr = new StderrTail(2048);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Socket socket;

    private ProxyCommandRelay(String commandLine, Process process, ServerSocket listener) {
        this.commandLine = commandLine;
        this.process = process;
        this.listener = listener;
    }

    /** Starts the command and the loopback listener. */
    static ProxyCommandRelay start(String commandLine) throws IOException {
        return start(commandLine, Map.of());
    }

    /** Starts the command, with {@code environment} added to ours, and the loopback listener. */
    static ProxyCommandRelay start(String commandLine, Map<String, String> environment) throws IOException {
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of("/bin/sh", "-c", commandLine));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot start proxy command `" + commandLine + "`: " + e.getMessage(), e);
        }
        ProxyCommandRelay relay = new ProxyCommandRelay(commandLine, process, listener);
        Thread.ofVirtual().name("ssh-proxy-accept").start(relay::acceptOne);
        onPipeThread("ssh-proxy-stderr", () -> relay.stderr.drain(process.getErrorStream()));
        process.onExit().thenRun(relay::onProcessExit);
        return relay;
    }

    /** Where the SSH client must connect. */
    InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    String commandLine() {
        return commandLine;
    }

    /**
     * Starts pumping once the accepted connection is the one from {@code clientLocalAddress} (the
     * SSH client's side of its socket); any other peer closes the relay.
     */
    void attach(SocketAddress clientLocalAddress) {
        accepted.thenAccept(s -> {
            if (!s.getRemoteSocketAddress().equals(clientLocalAddress)) {
                stderr.note("relay: unexpected local connection from " + s.getRemoteSocketAddress());
                close();
                return;
            }
            onPipeThread("ssh-proxy-in", () -> pumpToProcess(s));
            onPipeThread("ssh-proxy-out", () -> pumpFromProcess(s));
        });
    }

    /** Runs {@code action} once the command has ended. */
    void whenExited(Runnable action) {
        process.onExit().thenRun(action);
    }

    /** The exit code if the command has ended, else null. */
    Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** What the command wrote to stderr (the last 2 KiB), trimmed; empty if nothing. */
    String stderrTail() {
        return stderr.text();
    }

    /** A one-line explanation of the command's state for error messages. */
    String describeState() {
        Integer code = exitCode();
        String state = code == null ? "proxy command still running" : "proxy command exited with status " + code;
        String err = stderrTail();
        return err.isEmpty() ? state : state + ", stderr: " + err;
    }

    /** Kills the command (and what it started) and closes the relay sockets. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(listener);
        Socket s = socket;
        if (s != null) {
            closeQuietly(s);
        }
        accepted.completeExceptionally(new IOException("relay closed"));
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.onExit().orTimeout(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return process;
        });
    }

    /** Waits (boundedly) for the stderr reader to catch up, for a complete message after a failure. */
    void awaitStderr(Duration max) {
        stderr.awaitEnd(max);
    }

    private void acceptOne() {
        try (ServerSocket l = listener) {
            Socket s = l.accept();
            s.setTcpNoDelay(true);
            socket = s;
            // The command may have ended (or the relay closed) while the connection was being
            // accepted: nobody would relay or close it, so the client would sit in key exchange.
            if (!accepted.complete(s) || closed.get()) {
                closeQuietly(s);
            }
        } catch (IOException e) {
            accepted.completeExceptionally(e);
        }
    }

    private void pumpToProcess(Socket s) {
        try (InputStream in = s.getInputStream(); OutputStream out = process.getOutputStream()) {
            byte[] buf = new byte[PUMP_BUFFER];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // The socket or the command closed; the other pump and the SSH session see the end.
        }
    }

    private void pumpFromProcess(Socket s) {
        try (InputStream in = process.getInputStream()) {
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[PUMP_BUFFER];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
            s.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(s);
        }
    }

    private void onProcessExit() {
        // Without the command there is no connection: end the socket so the SSH session fails now.
        closeQuietly(listener);
        if (!accepted.isDone()) {
            accepted.completeExceptionally(new IOException("proxy command ended"));
        }
        // A half-closed socket can leave the SSH client waiting in key exchange; once the command's
        // last output has been relayed, close the socket outright.
        accepted.thenAccept(s -> Thread.ofVirtual().name("ssh-proxy-exit").start(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(s);
        }));
    }

    /**
     * Runs a loop that blocks on one of the command's pipes on a platform thread of its own. A
     * virtual thread blocked in a pipe read or write keeps its carrier: a few hundred proxy
     * commands would hold every carrier the JDK will add and starve all other virtual threads of
     * the run (the streams' own work, timers, HTTP calls).
     */
    private static void onPipeThread(String name, Runnable loop) {
        Thread.ofPlatform().name(name).daemon().start(loop);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
