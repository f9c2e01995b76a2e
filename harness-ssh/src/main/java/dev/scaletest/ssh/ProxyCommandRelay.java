package dev.scaletest.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
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
 * with its stdin/stdout on a loopback socket, and joined by the {@link LoopbackSplice} to the socket
 * MINA (which only speaks TCP) opens to {@link #address()}. Bytes flow only once the MINA side is
 * shown to be our own client's socket ({@link #attach}), so another local process cannot take the
 * connection. Costs no thread: the spawner's reader reports the command's pid and exit, the
 * splice's event loop moves the bytes, and its stderr goes to a file read only for messages.
 */
final class ProxyCommandRelay implements AutoCloseable {
    private static final int STDERR_TAIL = 2048;
    /** After the command ended, what it started may still hold the socket: the session must still end. */
    private static final Duration CLOSE_AFTER_EXIT = Duration.ofMillis(200);

    private final int id;
    private final String commandLine;
    private final Path stderrFile;
    private final LoopbackSplice splice;
    private final LoopbackSplice.SplicedStream spliced;
    private final ProxyCommandSpawner spawner;
    private final ProcessTreeKiller killer;
    /** The command's exit status; failed when the spawner ended under it. */
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ProcessHandle subshell;
    private volatile boolean startReported;
    private volatile String stderrAtClose;

    ProxyCommandRelay(int id, String commandLine, Path stderrFile, LoopbackSplice splice, LoopbackSplice.SplicedStream spliced,
            ProxyCommandSpawner spawner, ProcessTreeKiller killer) {
        this.id = id;
        this.commandLine = commandLine;
        this.stderrFile = stderrFile;
        this.splice = splice;
        this.spliced = spliced;
        this.spawner = spawner;
        this.killer = killer;
    }

    int id() {
        return id;
    }

    String commandLine() {
        return commandLine;
    }

    /** Where the SSH client must connect. */
    InetSocketAddress address() {
        return splice.clientAddress();
    }

    /**
     * Joins the command to the connection that comes from {@code clientLocalAddress} (the SSH
     * client's side of its socket); no other connection gets the stream.
     */
    void attach(SocketAddress clientLocalAddress) {
        splice.attach(spliced, clientLocalAddress);
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
        long refused = splice.refusedConnections();
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

    /** Kills the command (and what it started), closes its sockets and removes its stderr file. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stderrAtClose = stderrTail();
        splice.drop(spliced);
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
        splice.closeAfter(spliced, CLOSE_AFTER_EXIT);
    }

    /** The spawner itself ended: the command cannot go on. */
    void spawnerEnded(String reason) {
        exit.completeExceptionally(new IOException(reason));
        close();
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
