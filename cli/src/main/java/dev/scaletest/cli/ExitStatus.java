package dev.scaletest.cli;

import dev.scaletest.harness.ExitCodes;
import dev.scaletest.scenarios.run.ScenarioOutcome;

/** The one mapping from how a run ended to the command's exit status ({@link ExitCodes}). */
final class ExitStatus {
    private ExitStatus() {}

    /**
     * Interrupted: 130, whatever else happened (the results are written all the same). Otherwise
     * the verdict's code, where a failed cleanup job turns a passing run into a failed one.
     */
    static int of(ScenarioOutcome outcome) {
        if (outcome.interrupted()) {
            return ExitCodes.INTERRUPTED;
        }
        int code = outcome.verdict().exitCode();
        return outcome.failedUndoJobs() > 0 && code == ExitCodes.OK ? ExitCodes.RUN_FAILED : code;
    }
}
