package dev.scaletest.scenarios.run;

import dev.scaletest.harness.RunCancellation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a prepared scenario runs, one phase at a time: a plan may decide its next phase only once
 * the previous one ended (cleanup lists the users after deleting the workspaces; a composed run
 * starts traffic to the workspaces its create phase brought up).
 */
public interface Plan {

    /** The next phase, or empty when the plan is done. */
    Optional<Phase> next() throws Exception;

    /** What the second Ctrl-C prints: what is skipped and how to remove what is left. */
    String cleanupSkippedHint();

    /**
     * Runs once the phases are over, also after a failed chore or a skipped cleanup, but not when a
     * phase threw: waiting for a last scrape, pushing metrics.
     */
    default void finish(RunCancellation cancellation) throws InterruptedException {}

    /** A plan of phases known in advance. */
    static Plan of(String cleanupSkippedHint, Phase... phases) {
        return ofSteps(cleanupSkippedHint, Stream.of(phases).<Step>map(phase -> () -> Optional.of(phase)).toList());
    }

    /** A plan whose steps are taken in order once the previous phase ended; a step that yields no phase is passed over. */
    static Plan ofSteps(String cleanupSkippedHint, List<Step> steps) {
        Deque<Step> left = new ArrayDeque<>(steps);
        return new Plan() {
            @Override
            public Optional<Phase> next() throws Exception {
                while (!left.isEmpty()) {
                    Optional<Phase> phase = left.poll().next();
                    if (phase.isPresent()) {
                        return phase;
                    }
                }
                return Optional.empty();
            }

            @Override
            public String cleanupSkippedHint() {
                return cleanupSkippedHint;
            }
        };
    }

    /** Decides a phase when its turn comes, or that there is nothing to do. */
    @FunctionalInterface
    interface Step {
        Optional<Phase> next() throws Exception;
    }
}
