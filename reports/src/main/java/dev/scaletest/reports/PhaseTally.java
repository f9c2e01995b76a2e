package dev.scaletest.reports;

import dev.scaletest.harness.Results;
import dev.scaletest.harness.RunResult;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of one phase of a report, told apart by Coder's test name ({@code workspacebuild},
 * {@code workspace-traffic}): a report of {@code scaletest run} holds both phases, and people read
 * how each went before the operations of all of them.
 *
 * @param firstStart the earliest start among the phase's runs, which orders the phases
 */
public record PhaseTally(String testName, int runs, int pass, int fail, OffsetDateTime firstStart) {

    /** The phases of {@code results} in the order they started; one entry for a report of one phase. */
    public static List<PhaseTally> of(Results results) {
        Map<String, PhaseTally> byName = new LinkedHashMap<>();
        for (RunResult run : results.runs().values()) {
            PhaseTally one = new PhaseTally(run.testName(), 1, run.passed() ? 1 : 0, run.passed() ? 0 : 1, run.startedAt());
            byName.merge(run.testName(), one, PhaseTally::plus);
        }
        List<PhaseTally> phases = new ArrayList<>(byName.values());
        phases.sort(Comparator.comparing(PhaseTally::firstStart, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(PhaseTally::testName));
        return phases;
    }

    private PhaseTally plus(PhaseTally other) {
        OffsetDateTime first = firstStart == null ? other.firstStart
                : other.firstStart == null || firstStart.isBefore(other.firstStart) ? firstStart : other.firstStart;
        return new PhaseTally(testName, runs + other.runs, pass + other.pass, fail + other.fail, first);
    }
}
