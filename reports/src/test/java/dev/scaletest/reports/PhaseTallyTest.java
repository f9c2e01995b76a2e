package dev.scaletest.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scaletest.harness.Results;
import dev.scaletest.harness.RunResult;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PhaseTallyTest {
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 12, 6, 12, 0, 0, 0, ZoneOffset.UTC);

    private static RunResult run(String test, int id, int secondsAfterStart, boolean passed) {
        return new RunResult(test + "/" + id, test, String.valueOf(id), "", T0.plusSeconds(secondsAfterStart), Duration.ofSeconds(1),
                passed ? null : "boom");
    }

    @Test
    void eachPhaseCountsItsRunsInTheOrderThePhasesStarted() {
        TreeMap<String, RunResult> runs = new TreeMap<>();
        // Sorted by full id, workspace-traffic comes before workspacebuild; by start, the builds come first.
        for (RunResult r : List.of(run("workspacebuild", 0, 0, true), run("workspacebuild", 1, 1, false),
                run("workspacebuild", 2, 2, true), run("workspace-traffic", 0, 10, true), run("workspace-traffic", 2, 10, true))) {
            runs.put(r.fullId(), r);
        }
        List<PhaseTally> phases = PhaseTally.of(new Results(5, 4, 1, Duration.ofSeconds(20), runs));
        assertEquals(List.of(new PhaseTally("workspacebuild", 3, 2, 1, T0), new PhaseTally("workspace-traffic", 2, 2, 0, T0.plusSeconds(10))),
                phases);
    }

    @Test
    void aReportOfOnePhaseHasOneEntryAndAnEmptyOneNone() {
        TreeMap<String, RunResult> runs = new TreeMap<>();
        runs.put("workspacebuild/0", run("workspacebuild", 0, 0, true));
        assertEquals(1, PhaseTally.of(new Results(1, 1, 0, Duration.ZERO, runs)).size());
        assertEquals(List.of(), PhaseTally.of(new Results(0, 0, 0, Duration.ZERO, new TreeMap<>())));
    }
}
