package dev.scaletest.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One stream's proxy command (OpenSSH's ProxyCommand), run by the run's {@link ProxyCommandSpawner}
 * with its stdin/stdout on a loopback socket that it connected to the {@link CommandListener}; that
 * socket, once the command named its stream by the token, becomes the SSH session's own
 * ({@link ProxyCommandConnector}), so another local process cannot take the stream and no byte is
 * copied on the way. Costs no thread: the spawner's reader reports the command's pid and exit,
 * the SSH client's event loops move the bytes, and its stderr goes to a file read only for messages.
 */
final class ProxyCommandRelay implements AutoCloseable {
    private static final int STDERR_TAIL = 2048;
    /**
     * After the command ended, what it started may still hold the socket: the session must still
     * end. And a command that ended before its socket arrived may have connected all the same.
     */
    private static final Duration CLOSE_AFTER_EXIT = Duration.ofMillis(200);

    private final int id;
    private final String commandLine;
    private final Path stderrFile;
    private final CommandListener listener;
    private final String token;
    /** The socket the command connected with; failed when the stream ended without one. */
    private final CompletableFuture<CommandSocket> socket;
    private final ProxyCommandSpawner spawner;
    private final ProcessTreeKiller killer;
    /** The command's exit status; failed when the spawner ended under it. */
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ProcessHandle subshell;
    private volatile boolean startReported;
    private volatile String stderrAtClose;

    ProxyCommandRelay(int id, String commandLine, Path stderrFile, CommandListener listener, String token,
            ProxyCommandSpawner spawner, ProcessTreeKiller killer) {
        this.id = id;
        this.commandLine = commandLine;
        this.stderrFile = stderrFile;
        this.listener = listener;
        this.token = token;
        this.socket = listener.expect(token);
        this.spawner = spawner;
        this.killer = killer;
    }

    int id() {
        return id;
    }

    String commandLine() {
        return commandLine;
    }

    /**
     * The address the command connected to, which the SSH session names as its connect address:
     * no connection is made to it for the session, which takes {@link #socket()}.
     */
    InetSocketAddress address() {
        return listener.address();
    }

    /**
     * Completes with the command's socket once it named its stream; fails when the command ended
     * without it, its spawner ended, or the relay was closed. Whoever takes the socket may close it;
     * {@link #close} closes it in any case.
     */
    CompletableFuture<CommandSocket> socket() {
        return socket.copy();
    }

    /** Runs {@code action} (on a virtual thread of its own) once the command has ended or cannot run any more. */
    void whenExited(Runnable action) {
        exit.whenComplete((status, error) -> Thread.ofVirtual().name("ssh-proxy-exit").start(action));
    }

    /** True once the command has ended (or its spawner has, which ended it). */
    boolean hasEnded() {
        return exit.isDone();
    }

    /** A one-line explanation of the command's state for error messages. */
    String describeState() {
        String state;
        if (!exit.isDone()) {
            state = "proxy command still running";
        } else if (exit.isCompletedExceptionally()) {
            state = exit.handle((s, e) -> (e instanceof CompletionException c ? c.getCause() : e).getMessage()).join();
        } else {
            state = "proxy command exited with status " + exit.join();
        }
        long refused = listener.refusedConnections();
        if (refused > 0) {
            state += ", " + refused + " local connection" + (refused == 1 ? " was" : "s were")
                    + " refused by the relay for a wrong or missing token";
        }
        String err = stderrTail();
        return err.isEmpty() ? state : state + ", stderr: " + err;
    }

    /** Waits (boundedly) for the command to end, for a complete message after a failure. */
    void awaitStderr(Duration max) {
        try {
            exit.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // still running, or its spawner ended: describeState says which
        }
    }

    /** Kills the command (and what it started), closes its socket and removes its stderr file. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stderrAtClose = stderrTail();
        endSocket("the proxy command's stream was closed");
        ProcessHandle running = subshell;
        if (running != null && !commandExited()) {
            killer.kill(running);
        }
        spawner.forget(this);
        try {
            Files.deleteIfExists(stderrFile);
        } catch (IOException e) {
            // the run's folder is removed when the client closes
        }
    }

    /** The spawner's report of the subshell running the command; true when the relay was closed already (it is killed now). */
    boolean started(long pid) {
        ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
        subshell = handle;
        startReported = true;
        if (closed.get() && handle != null && !commandExited()) {
            killer.kill(handle);
        }
        return closed.get();
    }

    /** True once the spawner reported the subshell's pid (which may have ended already). */
    boolean startReported() {
        return startReported;
    }

    /** The spawner's report of the command's end. */
    void exited(int status) {
        exit.complete(status);
        CompletableFuture.delayedExecutor(CLOSE_AFTER_EXIT.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> endSocket("proxy command exited with status " + status + " before it connected"));
    }

    /** The spawner itself ended: the command cannot go on. */
    void spawnerEnded(String reason) {
        exit.completeExceptionally(new IOException(reason));
        endSocket(reason);
        close();
    }

    /**
     * The stream gets no socket any more ({@code why}): a connection that still comes with its token
     * is refused, and the socket it got, if any, is closed.
     */
    private void endSocket(String why) {
        listener.forget(token);
        socket.completeExceptionally(new IOException(why));
        socket.thenAccept(CommandSocket::close);
    }

    /** The spawner reported the command's end (not merely its own, which leaves the command to be killed). */
    private boolean commandExited() {
        return exit.isDone() && !exit.isCompletedExceptionally();
    }

    private String stderrTail() {
        String kept = stderrAtClose;
        return kept != null ? kept : StderrTail.ofFile(stderrFile, STDERR_TAIL);
    }
}
