package dev.scaletest.harness;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What Ctrl-C means for a load test: the first interrupt stops new starts and interrupts running
 * jobs, but the cleanup phase still runs (it removes what the run created); the second interrupt
 * skips the cleanup too and tells the user how to remove the leftovers later. Later interrupts are
 * ignored, the process is already unwinding.
 *
 * <p>Exit contract for the CLI: when {@link #interrupted()} is true the command still writes its
 * results, then exits with {@link ExitCodes#INTERRUPTED} (130, as a shell reports a process ended by
 * SIGINT), whether or not the cleanup was skipped; the application maps an interrupted run to that
 * code, in one place.
 */
public final class RunCancellation {
    public static final String FIRST_INTERRUPT_MESSAGE =
            "Interrupted: stopping new starts and cleaning up (press Ctrl-C again to skip cleanup)";

    private final Cancellation runPhase = new Cancellation();
    private final Cancellation cleanupPhase = new Cancellation();
    private final AtomicInteger interrupts = new AtomicInteger();
    private final Consumer<String> notice;
    private final String cleanupSkippedHint;

    /**
     * @param notice where the interrupt messages go, one line each (stderr in the CLI); called on
     *     the signal handler's thread
     * @param cleanupSkippedHint printed on the second interrupt, e.g.
     *     {@code Cleanup skipped; remove what this run created with: scaletest cleanup --journal <dir>}
     */
    public RunCancellation(Consumer<String> notice, String cleanupSkippedHint) {
        this.notice = notice;
        this.cleanupSkippedHint = cleanupSkippedHint;
    }

    /** Cancels the run phase of a harness. */
    public Cancellation runPhase() {
        return runPhase;
    }

    /** Cancels the cleanup phase of a harness. */
    public Cancellation cleanupPhase() {
        return cleanupPhase;
    }

    /** What SIGINT and SIGTERM do; tests call it directly. */
    public void interrupt() {
        int count = interrupts.incrementAndGet();
        if (count == 1) {
            notice.accept(FIRST_INTERRUPT_MESSAGE);
            runPhase.cancel();
        } else if (count == 2) {
            notice.accept(cleanupSkippedHint);
            runPhase.cancel();
            cleanupPhase.cancel();
        }
    }

    public boolean interrupted() {
        return interrupts.get() > 0;
    }

    public boolean cleanupSkipped() {
        return cleanupPhase.isCancelled();
    }

    /**
     * Routes SIGINT and SIGTERM to {@link #interrupt()}. Returns false when this JVM does not offer
     * signal handling (module jdk.unsupported missing, or a platform without these signals); the
     * JVM's default handling (exit) stays in place then.
     */
    public boolean installSignalHandlers() {
        try {
            boolean any = false;
            for (String name : new String[] {"INT", "TERM"}) {
                any |= install(name);
            }
            return any;
        } catch (LinkageError missingModule) {
            return false;
        }
    }

    private boolean install(String name) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> interrupt());
            return true;
        } catch (IllegalArgumentException unsupportedSignal) {
            return false;
        }
    }
}
