package dev.scaletest.reports;

import dev.scaletest.harness.Results;
import dev.scaletest.harness.RunResult;
import java.util.List;
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

    /**
     * The merge of three of the four shards of run {@code nightly-7} (shard 3 of 4 missing), the
     * later shards starting 5 and 10 seconds after the first, with fewer streams each.
     */
    public static ScaletestReport incompleteMerge() {
        List<ScaletestReport> shards = List.of(
                ReportFixtures.shard("nightly-7", 0, 4, ReportFixtures.START, ReportFixtures.samples(21, 6, 2)),
                ReportFixtures.shard("nightly-7", 1, 4, ReportFixtures.START.plusSeconds(5), ReportFixtures.samples(22, 6, 2)),
                ReportFixtures.shard("nightly-7", 3, 4, ReportFixtures.START.plusSeconds(10), ReportFixtures.samples(23, 6, 2)));
        return new ReportMerger().merge(shards, MergeOptions.STRICT.allowingIncomplete());
    }
}
