package dev.scaletest.reports;

import dev.scaletest.errors.ErrorClass;
import dev.scaletest.harness.Results;
import dev.scaletest.harness.RunResult;
import dev.scaletest.reports.thresholds.Threshold;
import dev.scaletest.reports.thresholds.ThresholdEvaluator;
import dev.scaletest.reports.thresholds.ThresholdOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Merges the reports of several shards into one ({@code scaletest report merge}).
 *
 * <ul>
 *   <li>First the inputs are checked to be the shards of one run, each once ({@link ShardCoverage}
 *       owns the rule; a {@link ShardSetException} says what is wrong). With
 *       {@link MergeOptions#allowIncomplete()} missing shards are allowed and listed in
 *       {@code metadata.missing_shards}. Inputs without shard metadata merge unchecked, with a note
 *       ({@link ReportMetadata#mergeNote()}). The merged report keeps the run id and lists its inputs
 *       with their figures in {@code metadata.merged_from}.</li>
 *   <li>Runs are united. A full id found in more than one input is renamed in every input that has
 *       it to {@code <test_name>/<id>#<n>}, where n is the input's shard index when its metadata
 *       names one and its 1-based position among the inputs otherwise; {@code metadata.renamed_runs}
 *       maps each new full id to the original.</li>
 *   <li>Totals are summed; elapsed is the span from the earliest start to the latest end.</li>
 *   <li>Histograms are added exactly and every percentile is recomputed from the sums.</li>
 *   <li>Time series are aligned by wall-clock time at the coarsest input's interval, as
 *       {@link TimeseriesMerge} describes; every other input's interval must divide it.</li>
 *   <li>Error tallies are summed by class; the example is the first input's.</li>
 *   <li>{@code coder_version} lists each version the inputs saw once.</li>
 *   <li>Throttling adds per route, 429 answers and milliseconds waited alike.</li>
 *   <li>Every distinct threshold expression is judged again on the merged figures, so gates hold
 *       for the whole test and not per shard.</li>
 * </ul>
 */
public final class ReportMerger {
    private final ThresholdEvaluator evaluator = new ThresholdEvaluator();

    /** Merges every shard of one run (a missing shard is a {@link ShardSetException}). */
    public ScaletestReport merge(List<ScaletestReport> inputs) {
        return merge(inputs, MergeOptions.STRICT);
    }

    /** Merges every shard of one run and also judges {@code extra} thresholds. */
    public ScaletestReport merge(List<ScaletestReport> inputs, List<Threshold> extra) {
        return merge(inputs, MergeOptions.STRICT.withThresholds(extra));
    }

    /**
     * Merges as {@code options} say. Throws {@link ShardSetException} when the inputs are not the
     * shards of one run, and {@link IllegalArgumentException} for other inputs that cannot be
     * merged (no input, time series of different intervals, run ids that clash twice).
     */
    public ScaletestReport merge(List<ScaletestReport> inputs, MergeOptions options) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("report merge needs at least one report");
        }
        ShardCoverage coverage = ShardCoverage.check(inputs, options.allowIncomplete());
        Instant start = inputs.stream().map(r -> r.metadata().startedAt()).min(Comparator.naturalOrder()).orElseThrow();
        Instant end = inputs.stream().map(r -> r.metadata().endedAt()).max(Comparator.naturalOrder()).orElseThrow();
        RunUnion runs = RunUnion.of(inputs);
        Results results = new Results(runs.byFullId.size(), runs.totalPass, runs.totalFail, Duration.between(start, end),
                runs.byFullId);
        SortedMap<String, OperationStats> operations = mergeOperations(inputs);
        TrafficSummary traffic = mergeTraffic(inputs);
        List<ErrorTally> errors = mergeErrors(inputs, runs.renamesByInput);
        long lateStarts = inputs.stream().mapToLong(ScaletestReport::lateStarts).sum();
        Throttling throttling = inputs.stream().map(ScaletestReport::throttling).reduce(Throttling.NONE, Throttling::plus);
        ReportMetadata first = inputs.get(0).metadata();
        ReportMetadata metadata = new ReportMetadata(first.toolVersion(), first.commandLine(), first.targetUrl(),
                coderVersions(inputs), start, end, coverage.runId(), null, MergeSources.of(inputs), runs.renamed, coverage.missing());
        long errorCount = errors.stream().mapToLong(ErrorTally::count).sum();
        List<ThresholdOutcome> outcomes = judge(inputs, options.thresholds(), new ReportThresholdSubject(
                operations, results.totalRuns(), runs.totalFail, errorCount, traffic, lateStarts));
        return new ScaletestReport(results, metadata, operations, traffic, errors, TimeseriesMerge.of(inputs, start),
                outcomes, Verdict.of(runs.totalFail, outcomes), lateStarts, throttling);
    }

    /**
     * The coderd versions the inputs saw, in input order, each once and joined by ", " (shards of one
     * run normally saw one; an upgrade during the run shows as two); null when no input knew.
     */
    private static String coderVersions(List<ScaletestReport> inputs) {
        Set<String> versions = new LinkedHashSet<>();
        inputs.forEach(r -> {
            if (r.metadata().coderVersion() != null) {
                versions.add(r.metadata().coderVersion());
            }
        });
        return versions.isEmpty() ? null : String.join(", ", versions);
    }

    /** The runs of every input, a full id found in more than one input renamed in each (see the class comment). */
    private static final class RunUnion {
        final SortedMap<String, RunResult> byFullId = new TreeMap<>();
        /** New full id to original, for {@code metadata.renamed_runs}. */
        final Map<String, String> renamed = new LinkedHashMap<>();
        /** Per input: original full id to new, for the run ids of the error examples. */
        final List<Map<String, String>> renamesByInput = new ArrayList<>();
        int totalPass;
        int totalFail;

        static RunUnion of(List<ScaletestReport> inputs) {
            Map<String, Integer> seen = new HashMap<>();
            inputs.forEach(r -> r.results().runs().keySet().forEach(id -> seen.merge(id, 1, Integer::sum)));
            RunUnion union = new RunUnion();
            for (int i = 0; i < inputs.size(); i++) {
                ScaletestReport r = inputs.get(i);
                String suffix = "#" + (r.metadata().shard() != null ? r.metadata().shard().index() : i + 1);
                union.add(r, suffix, seen);
            }
            return union;
        }

        private void add(ScaletestReport input, String suffix, Map<String, Integer> seen) {
            Map<String, String> renames = new HashMap<>();
            for (RunResult run : input.results().runs().values()) {
                RunResult kept = seen.get(run.fullId()) > 1 ? rename(run, suffix, renames) : run;
                if (byFullId.putIfAbsent(kept.fullId(), kept) != null) {
                    throw new IllegalArgumentException("cannot merge: two runs would both be named " + kept.fullId()
                            + " (a run found in several inputs gets #<shard index>, or #<input position> without shard metadata)");
                }
            }
            renamesByInput.add(renames);
            totalPass += input.results().totalPass();
            totalFail += input.results().totalFail();
        }

        /** {@code run} as {@code <test_name>/<id><suffix>}, noted in the renames. */
        private RunResult rename(RunResult run, String suffix, Map<String, String> renames) {
            String id = run.id() + suffix;
            String fullId = run.testName() + "/" + id;
            renamed.put(fullId, run.fullId());
            renames.put(run.fullId(), fullId);
            return new RunResult(fullId, run.testName(), id, run.logs(), run.startedAt(), run.duration(), run.error());
        }
    }

    /** Histograms of each operation added exactly; percentiles come from the sums. */
    private static SortedMap<String, OperationStats> mergeOperations(List<ScaletestReport> inputs) {
        SortedMap<String, List<Histogram>> byOp = new TreeMap<>();
        inputs.forEach(r -> r.operations().forEach(
                (op, stats) -> byOp.computeIfAbsent(op, k -> new ArrayList<>()).add(stats.histogram())));
        SortedMap<String, OperationStats> operations = new TreeMap<>();
        byOp.forEach((op, hs) -> operations.put(op, new OperationStats(op, HistogramEncoding.sum(hs))));
        return operations;
    }

    /** The inputs' traffic added; null when no input has traffic. */
    private static TrafficSummary mergeTraffic(List<ScaletestReport> inputs) {
        TrafficSummary traffic = null;
        for (ScaletestReport r : inputs) {
            if (r.traffic() != null) {
                traffic = traffic == null ? r.traffic() : traffic.plus(r.traffic());
            }
        }
        return traffic;
    }

    /** Counts summed by class, most frequent first; the example is the first input's, under its run's new id. */
    private static List<ErrorTally> mergeErrors(List<ScaletestReport> inputs, List<Map<String, String>> renamesByInput) {
        Map<ErrorClass, ErrorTally> errors = new EnumMap<>(ErrorClass.class);
        for (int i = 0; i < inputs.size(); i++) {
            Map<String, String> renames = renamesByInput.get(i);
            for (ErrorTally e : inputs.get(i).errors()) {
                ErrorTally local = new ErrorTally(e.errorClass(), e.count(), e.example(),
                        renames.getOrDefault(e.firstRun(), e.firstRun()));
                errors.merge(e.errorClass(), local, (a, b) ->
                        new ErrorTally(a.errorClass(), a.count() + b.count(), a.example(), a.firstRun()));
            }
        }
        return ErrorTallies.byMostFrequent(errors.values());
    }

    /** Every distinct threshold expression of the inputs and {@code extra}, judged on the merged figures. */
    private List<ThresholdOutcome> judge(List<ScaletestReport> inputs, List<Threshold> extra, ReportThresholdSubject merged) {
        Set<String> expressions = new LinkedHashSet<>();
        inputs.forEach(r -> r.thresholds().forEach(t -> expressions.add(t.expression())));
        extra.forEach(t -> expressions.add(t.expression()));
        List<Threshold> thresholds = expressions.stream().map(Threshold::parse).toList();
        return evaluator.evaluate(thresholds, merged);
    }
}
