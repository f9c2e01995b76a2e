package dev.scaletest.ssh;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Ends proxy commands' process trees on one platform thread of its own: SIGTERM to a process and
 * everything under it, SIGKILL to what is left after a grace. Finding the descendants reads all of
 * /proc in native code, which would pin a virtual thread's carrier and stall the caller's thread
 * (often one of MINA's I/O threads or the spawner's reader). The handles carry each process's
 * start time, so a pid reused meanwhile is not hit.
 */
final class ProcessTreeKiller implements AutoCloseable {
    private final Duration grace;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("ssh-proxy-kill").daemon().unstarted(r));

    ProcessTreeKiller(Duration grace) {
        this.grace = grace;
    }

    /** Ends {@code root} and its descendants, soon; after {@link #close()}, at once on the caller's thread. */
    void kill(ProcessHandle root) {
        try {
            thread.execute(() -> killNow(root));
        } catch (RejectedExecutionException e) {
            killNow(root);
        }
    }

    /**
     * Ends {@code root} and its descendants before returning: SIGTERM to all at once, SIGKILL to
     * what is left after the grace. For the end of a run, when the process may exit next. It polls
     * rather than waits on {@link ProcessHandle#onExit()}, which costs a thread per process that
     * is not the JVM's own child.
     */
    void killAndWait(ProcessHandle root) {
        List<ProcessHandle> tree = Stream.concat(root.descendants(), Stream.of(root)).toList();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Takes no more work; forced kills already scheduled still run. */
    @Override
    public void close() {
        thread.shutdown();
    }

    private void killNow(ProcessHandle root) {
        List<ProcessHandle> tree = Stream.concat(root.descendants(), Stream.of(root)).toList();
        tree.forEach(ProcessHandle::destroy);
        Runnable force = () -> tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            thread.schedule(force, grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            force.run();
        }
    }
}
