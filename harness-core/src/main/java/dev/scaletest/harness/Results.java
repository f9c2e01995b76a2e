package dev.scaletest.harness;

import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** All runs of a phase, keyed by full id in lexicographic order (as Go encodes a map). */
public record Results(int totalRuns, int totalPass, int totalFail, Duration elapsed, SortedMap<String, RunResult> runs) {

    /**
     * The runs of phases that ran one after another, as one result: totals and elapsed times add,
     * runs keep their full ids (the phases' test names keep them apart; a clash is a bug).
     */
    public static Results sequence(List<Results> phases) {
        if (phases.size() == 1) {
            return phases.getFirst();
        }
        TreeMap<String, RunResult> runs = new TreeMap<>();
        int pass = 0;
        int fail = 0;
        Duration elapsed = Duration.ZERO;
        for (Results phase : phases) {
            for (RunResult run : phase.runs().values()) {
                if (runs.putIfAbsent(run.fullId(), run) != null) {
                    throw new IllegalArgumentException("two phases both ran " + run.fullId());
                }
            }
            pass += phase.totalPass();
            fail += phase.totalFail();
            elapsed = elapsed.plus(phase.elapsed());
        }
        return new Results(runs.size(), pass, fail, elapsed, runs);
    }
}
