package dev.scaletest.scenarios.run;

import dev.scaletest.harness.CleanupFailure;
import dev.scaletest.harness.Results;
import dev.scaletest.harness.RunCancellation;
import dev.scaletest.reports.RunFailures;
import dev.scaletest.reports.ScaletestReport;
import dev.scaletest.reports.ThrottlingNotice;
import dev.scaletest.reports.Verdict;
import dev.scaletest.scenarios.run.Phase.Chore;
import dev.scaletest.scenarios.run.Phase.Measured;
import dev.scaletest.scenarios.run.Phase.Undo;
import dev.scaletest.scenarios.run.Phase.Work;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one skeleton of every scenario: open a session, let the scenario prepare, run its phases
 * under Ctrl-C handling, report, close. What a scenario supplies is only its {@link Plan}.
 *
 * <p>One report per run of consecutive measured phases: it is made when the next phase is not a
 * measured one (the cleanup) or the plan ends, with every run of those phases and the metrics the
 * session gathered through all of them ({@code scaletest run}: create, then traffic, one verdict).
 *
 * <p>Ctrl-C: the first stops new starts and interrupts running jobs, the report is still written
 * and the cleanup still runs; the second skips the cleanup. Handlers are installed when the first
 * measured phase starts, so a plan of chores alone (the cleanup command) keeps the JVM's default.
 *
 * <p>A report the observer could not deliver (a full disk, an output path gone) never skips a
 * later phase: its failure is thrown once the plan has run, cleanup included.
 */
public final class ScenarioRunner {
    static final String CLEANING_UP = "Cleaning up...";

    private final RunObserver observer;
    private final boolean installSignalHandlers;

    /** @param installSignalHandlers route SIGINT and SIGTERM to the run (false in tests that share a JVM) */
    public ScenarioRunner(RunObserver observer, boolean installSignalHandlers) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.installSignalHandlers = installSignalHandlers;
    }

    public ScenarioOutcome run(Scenario scenario, DeploymentTarget target, RunOptions options) throws Exception {
        try (RunSession session = RunSession.open(target, options, scenario.meterRegistry(), observer)) {
            Plan plan = scenario.prepare(session, observer);
            return new PlanRun(session, plan).run();
        }
    }

    /** One plan's way through its phases, and what the outcome is made of. */
    private final class PlanRun {
        private final RunSession session;
        private final Plan plan;
        private final RunCancellation cancellation;
        private boolean handlersInstalled;
        private boolean reported;
        /** Results of the measured phases since the last report. */
        private final List<Results> unreported = new ArrayList<>();
        private Exception deliveryFailure;
        private Verdict verdict = Verdict.PASS;
        private int failedUndoJobs;
        /** The chores' runs' durations added up, to judge how much of it went to rate limits. */
        private Duration choreTime = Duration.ZERO;

        PlanRun(RunSession session, Plan plan) {
            this.session = session;
            this.plan = plan;
            this.cancellation = new RunCancellation(observer::note, plan.cleanupSkippedHint());
            session.watchInterrupts(cancellation::interrupted);
        }

        ScenarioOutcome run() throws Exception {
            try {
                for (Optional<Phase> next = plan.next(); next.isPresent(); next = plan.next()) {
                    if (!(next.get() instanceof Measured)) {
                        report();
                    }
                    boolean goOn = switch (next.get()) {
                        case Measured measured -> measure(measured);
                        case Undo undo -> undo(undo);
                        case Chore chore -> chore(chore);
                    };
                    if (!goOn) {
                        break;
                    }
                }
                report();
                plan.finish(cancellation);
                if (deliveryFailure != null) {
                    throw deliveryFailure;
                }
            } finally {
                if (!reported) {
                    // Without a report to carry it, the rate-limit notice comes here.
                    session.throttlingNotice(choreTime).ifPresent(observer::note);
                }
            }
            return new ScenarioOutcome(verdict, failedUndoJobs, cancellation.interrupted());
        }

        private boolean measure(Measured phase) throws IOException {
            if (installSignalHandlers && !handlersInstalled) {
                handlersInstalled = cancellation.installSignalHandlers();
            }
            phase.announce().ifPresent(observer::note);
            Work work = phase.work();
            Results results;
            try (RunObserver.Watch watch = phase.traffic().isPresent()
                            ? observer.trafficStarted(work.name(), phase.traffic().get())
                            : observer.phaseStarted(work.name(), work.harness()::progress);
                    ThresholdAbort abort = ThresholdAbort.start(phase.watchThresholds(), session, work.harness()::progress,
                            cancellation.runPhase(), observer::note)) {
                results = work.harness().run(work.strategy(), work.timeout(), cancellation.runPhase());
            }
            phase.afterRuns().run();
            if (phase.traffic().isEmpty()) {
                RunFailures.tally(results, session.errors());
            }
            unreported.add(results);
            return true;
        }

        /** The report of the measured phases since the last one, if any ran. */
        private void report() throws IOException {
            if (unreported.isEmpty()) {
                return;
            }
            ScaletestReport report = session.finalReport(Results.sequence(unreported));
            unreported.clear();
            reported = true;
            try {
                observer.reported(report);
            } catch (IOException | RuntimeException e) {
                // A report that could not be written must not cost the cleanup: said after the plan ends.
                deliveryFailure = e;
            }
            verdict = report.verdict();
        }

        private boolean undo(Undo phase) {
            if (cancellation.cleanupSkipped()) {
                return false;
            }
            observer.note("");
            observer.note(CLEANING_UP);
            Work work = phase.work();
            List<CleanupFailure> failures;
            try (RunObserver.Watch watch = observer.phaseStarted(work.name(), work.harness()::cleanupProgress)) {
                failures = work.harness().cleanup(work.strategy(), work.timeout(), cancellation.cleanupPhase());
            }
            for (CleanupFailure failure : failures) {
                observer.note("cleanup " + failure.fullId() + ": " + failure.error());
            }
            if (!failures.isEmpty()) {
                observer.note(failures.size() + " cleanup jobs failed; " + phase.leftoversHint());
            }
            failedUndoJobs += failures.size();
            return true;
        }

        private boolean chore(Chore phase) {
            Work work = phase.work();
            Results results;
            try (RunObserver.Watch watch = observer.phaseStarted(work.name(), work.harness()::progress)) {
                results = work.harness().run(work.strategy(), work.timeout());
            }
            observer.coderLine(phase.doneLine());
            observer.choreResults(results);
            choreTime = choreTime.plus(ThrottlingNotice.summedDuration(results));
            if (results.totalFail() == 0) {
                return true;
            }
            observer.note(phase.failedLine());
            verdict = Verdict.FAIL;
            return false;
        }
    }
}
