package dev.scaletest.scenarios;

import dev.scaletest.harness.Cancellation;
import dev.scaletest.harness.PhaseProgress;
import dev.scaletest.reports.thresholds.LiveThresholdSubject;
import dev.scaletest.reports.thresholds.LiveThresholdWatch;
import dev.scaletest.reports.thresholds.ThresholdOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * {@code --abort-on-threshold}: checks the thresholds that cannot recover once broken (see
 * {@link LiveThresholdWatch}) every second while the run phase goes on, and cancels the phase on
 * the first breach. The runs it stops fail with {@code context canceled}, so the command exits 1;
 * the cleanup phase still runs.
 */
public final class ThresholdAbort implements AutoCloseable {
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private final RunSession session;
    private final LiveThresholdWatch watch;
    private final Supplier<PhaseProgress> progress;
    private final Cancellation runPhase;
    private final AtomicBoolean aborted = new AtomicBoolean();
    private ScheduledExecutorService checker;

    private ThresholdAbort(RunSession session, LiveThresholdWatch watch, Supplier<PhaseProgress> progress,
            Cancellation runPhase) {
        this.session = session;
        this.watch = watch;
        this.progress = progress;
        this.runPhase = runPhase;
    }

    /** Starts checking when the command asked for it and a watched threshold exists; a no-op otherwise. */
    public static ThresholdAbort start(RunSession session, Supplier<PhaseProgress> progress, Cancellation runPhase) {
        LiveThresholdWatch watch = new LiveThresholdWatch(session.thresholds());
        ThresholdAbort abort = new ThresholdAbort(session, watch, progress, runPhase);
        if (session.common().abortOnThreshold() && watch.watchesAny()) {
            abort.checker = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("threshold-abort").factory());
            long period = CHECK_INTERVAL.toNanos();
            abort.checker.scheduleAtFixedRate(abort::check, period, period, TimeUnit.NANOSECONDS);
        }
        return abort;
    }

    /** Whether a breach stopped the run phase. */
    public boolean aborted() {
        return aborted.get();
    }

    void check() {
        if (aborted.get()) {
            return;
        }
        PhaseProgress now = progress.get();
        long errors = session.errors().snapshot().stream().mapToLong(e -> e.count()).sum();
        List<ThresholdOutcome> breaches = watch.breaches(
                new LiveThresholdSubject(session.metrics().snapshot(), now.total(), now.failed(), errors));
        if (!breaches.isEmpty() && aborted.compareAndSet(false, true)) {
            ThresholdOutcome first = breaches.get(0);
            session.err().println("Threshold " + first.expression() + " can no longer hold (observed " + first.observed()
                    + "); stopping the run (--abort-on-threshold)");
            session.err().flush();
            runPhase.cancel();
        }
    }

    @Override
    public void close() {
        if (checker != null) {
            checker.shutdownNow();
        }
    }
}
