package dev.scaletest.scenarios.run;

import dev.scaletest.harness.ExecutionStrategy;
import dev.scaletest.harness.TestHarness;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One step of a run, as a scenario hands it to {@link ScenarioRunner}: what differs between
 * scenarios is only which phases they have and what they run.
 */
public sealed interface Phase permits Phase.Measured, Phase.Undo, Phase.Chore {

    /** What the phase runs: a harness under a strategy, the whole phase bounded by {@code timeout}. */
    Work work();

    /** @param name the phase's name in the progress display */
    record Work(String name, TestHarness harness, ExecutionStrategy strategy, Duration timeout) {
        public Work {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(harness, "harness");
            Objects.requireNonNull(strategy, "strategy");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /**
     * The runs a report is about. Ctrl-C stops new starts and interrupts the runs; the report is
     * written all the same.
     *
     * @param announce        a line shown before the runs start
     * @param traffic         live readings of a traffic phase; its streams tally their own errors as
     *                        they happen, while a phase without traffic gets its failed runs tallied
     * @param watchThresholds whether {@code --abort-on-threshold} may stop this phase early
     * @param afterRuns       done as soon as the runs end, before the report (traffic deletes the owners' API tokens)
     */
    record Measured(Work work, Optional<String> announce, Optional<Supplier<TrafficSample>> traffic, boolean watchThresholds,
            Runnable afterRuns) implements Phase {
        public Measured {
            Objects.requireNonNull(work, "work");
            Objects.requireNonNull(announce, "announce");
            Objects.requireNonNull(traffic, "traffic");
            Objects.requireNonNull(afterRuns, "afterRuns");
        }
    }

    /**
     * Removes what the measured runs of {@code work}'s harness created ({@link TestHarness#cleanup});
     * a second Ctrl-C skips it.
     *
     * @param leftoversHint how to remove what a failed job left, e.g.
     *                      {@code remove the leftovers with: scaletest cleanup --journal <dir>}
     */
    record Undo(Work work, String leftoversHint) implements Phase {
        public Undo {
            Objects.requireNonNull(work, "work");
            Objects.requireNonNull(leftoversHint, "leftoversHint");
        }
    }

    /**
     * Work reported as Coder's text results, with no report of its own (the cleanup command's
     * deletions). A failed run ends the plan.
     *
     * @param doneLine   Coder's stdout line once the runs ended ("Done deleting scaletest workspaces:")
     * @param failedLine the stderr line when a run failed
     */
    record Chore(Work work, String doneLine, String failedLine) implements Phase {
        public Chore {
            Objects.requireNonNull(work, "work");
            Objects.requireNonNull(doneLine, "doneLine");
            Objects.requireNonNull(failedLine, "failedLine");
        }
    }
}
