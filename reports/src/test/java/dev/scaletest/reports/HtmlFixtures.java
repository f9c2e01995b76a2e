package dev.scaletest.reports;

import dev.scaletest.harness.Results;
import dev.scaletest.harness.RunResult;
import java.util.SortedMap;
import java.util.TreeMap;

/** The realistic report for HTML tests, with a failed run whose log tries to break out of the page. */
public final class HtmlFixtures {
    private HtmlFixtures() {}

    public static ResultsCodec codec() {
        return new TestResultsCodec();
    }

    public static ScaletestReport report() {
        ScaletestReport base = ReportFixtures.report();
        SortedMap<String, RunResult> runs = new TreeMap<>(base.results().runs());
        RunResult failed = runs.get("workspacebuild/0");
        runs.put(failed.fullId(), new RunResult(failed.fullId(), failed.testName(), failed.id(),
                failed.logs() + "</script><b>injected</b>\n", failed.startedAt(), failed.duration(), failed.error()));
        Results r = base.results();
        return new ScaletestReport(new Results(r.totalRuns(), r.totalPass(), r.totalFail(), r.elapsed(), runs),
                base.metadata(), base.operations(), base.traffic(), base.errors(), base.timeseries(), base.thresholds(),
                base.verdict(), base.lateStarts(), base.throttling());
    }
}
