package dev.scaletest.scenarios.run;

import dev.scaletest.reports.Verdict;
import java.util.Objects;

/**
 * How a run ended; the application turns it into an exit status.
 *
 * @param verdict        the report's verdict, {@link Verdict#FAIL} when a chore failed, else pass
 * @param failedUndoJobs cleanup jobs of the measured runs that failed (their leftovers are journaled)
 * @param interrupted    Ctrl-C or SIGTERM arrived
 */
public record ScenarioOutcome(Verdict verdict, int failedUndoJobs, boolean interrupted) {
    public ScenarioOutcome {
        Objects.requireNonNull(verdict, "verdict");
    }
}
