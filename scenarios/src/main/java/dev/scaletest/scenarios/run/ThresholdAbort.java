package dev.scaletest.scenarios.run;

import dev.scaletest.harness.Cancellation;
import dev.scaletest.harness.PhaseProgress;
import dev.scaletest.reports.thresholds.LiveThresholdSubject;
import dev.scaletest.reports.thresholds.ThresholdOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code --abort-on-threshold}: checks the thresholds that cannot recover once broken (see
 * {@link LiveThresholdWatch}) every second while a measured phase goes on, and cancels the phase
 * on the first breach. The runs it stops fail with {@code context canceled}, so the command exits
 * 1; the cleanup phase still runs.
 */
final class ThresholdAbort implements AutoCloseable {
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private final RunSession session;
    private final LiveThresholdWatch watch;
    private final Supplier<PhaseProgress> progress;
    private final Cancellation runPhase;
    private final Consumer<String> note;
    private final AtomicBoolean aborted = new AtomicBoolean();
    private ScheduledExecutorService checker;

    private ThresholdAbort(RunSession session, LiveThresholdWatch watch, Supplier<PhaseProgress> progress,
            Cancellation runPhase, Consumer<String> note) {
        this.session = session;
        this.watch = watch;
        this.progress = progress;
        this.runPhase = runPhase;
        this.note = note;
    }

    /**
     * Starts checking when {@code wanted} (the phase allows it), the run asked for it and a watched
     * threshold exists; a no-op otherwise.
     */
    static ThresholdAbort start(boolean wanted, RunSession session, Supplier<PhaseProgress> progress, Cancellation runPhase,
            Consumer<String> note) {
        LiveThresholdWatch watch = new LiveThresholdWatch(session.thresholds());
        ThresholdAbort abort = new ThresholdAbort(session, watch, progress, runPhase, note);
        if (wanted && session.options().abortOnThreshold() && watch.watchesAny()) {
            abort.checker = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("threshold-abort").factory());
            long period = CHECK_INTERVAL.toNanos();
            abort.checker.scheduleAtFixedRate(abort::check, period, period, TimeUnit.NANOSECONDS);
        }
        return abort;
    }

    void check() {
        if (aborted.get()) {
            return;
        }
        PhaseProgress now = progress.get();
        List<ThresholdOutcome> breaches = watch.breaches(
                new LiveThresholdSubject(session.metrics().snapshot(), now.total(), now.failed(), session.errors().total()));
        if (!breaches.isEmpty() && aborted.compareAndSet(false, true)) {
            ThresholdOutcome first = breaches.get(0);
            note.accept("Threshold " + first.expression() + " can no longer hold (observed " + first.observed()
                    + "); stopping the run (--abort-on-threshold)");
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
