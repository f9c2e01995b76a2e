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
 *   <li>Runs are united. A full id found in more than one input is renamed in every input that has
 *       it to {@code <test_name>/<id>#<n>}, where n is the input's shard index when its metadata
 *       names one and its 1-based position among the inputs otherwise; {@code metadata.renamed_runs}
 *       maps each new full id to the original.</li>
 *   <li>Totals are summed; elapsed is the span from the earliest start to the latest end.</li>
 *   <li>Histograms are added exactly and every percentile is recomputed from the sums.</li>
 *   <li>Time series are aligned by wall-clock time: a point lands in slot
 *       {@code floor((input start + t - merged start) / interval)}; latencies in a slot add, rates
 *       and gauges add (shards run side by side). All inputs must share one interval (within 2%; the first input's is kept).</li>
 *   <li>Error tallies are summed by class; the example is the first input's.</li>
 *   <li>Throttling adds per route, 429 answers and milliseconds waited alike.</li>
 *   <li>Every distinct threshold expression is judged again on the merged figures, so gates hold
 *       for the whole test and not per shard.</li>
 * </ul>
 */
public final class ReportMerger {
    /**
     * Intervals within 2% of each other count as the same: older reports carry the measured length
     * of their first interval, which the sampler's scheduling shifts by a few milliseconds.
     */
    static final double INTERVAL_TOLERANCE = 0.02;

    private final ThresholdEvaluator evaluator = new ThresholdEvaluator();

    public ScaletestReport merge(List<ScaletestReport> inputs) {
        return merge(inputs, List.of());
    }

    /** Merges and also judges {@code extra} thresholds (say, {@code --threshold} given to the merge command). */
    public ScaletestReport merge(List<ScaletestReport> inputs, List<Threshold> extra) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("report merge needs at least one report");
        }
        Instant start = inputs.stream().map(r -> r.metadata().startedAt()).min(Comparator.naturalOrder()).orElseThrow();
        Instant end = inputs.stream().map(r -> r.metadata().endedAt()).max(Comparator.naturalOrder()).orElseThrow();

        Map<String, Integer> seen = new HashMap<>();
        inputs.forEach(r -> r.results().runs().keySet().forEach(id -> seen.merge(id, 1, Integer::sum)));
        SortedMap<String, RunResult> runs = new TreeMap<>();
        Map<String, String> renamed = new LinkedHashMap<>();
        List<Map<String, String>> renamesByInput = new ArrayList<>();
        int totalPass = 0;
        int totalFail = 0;
        for (int i = 0; i < inputs.size(); i++) {
            ScaletestReport r = inputs.get(i);
            String suffix = "#" + (r.metadata().shard() != null ? r.metadata().shard().index() : i + 1);
            Map<String, String> renames = new HashMap<>();
            for (RunResult run : r.results().runs().values()) {
                RunResult kept = run;
                if (seen.get(run.fullId()) > 1) {
                    String id = run.id() + suffix;
                    String fullId = run.testName() + "/" + id;
                    if (runs.containsKey(fullId)) {
                        throw new IllegalArgumentException("cannot merge: run " + run.fullId() + " clashes across "
                                + "inputs and renaming it to " + fullId + " clashes again (two inputs with the same shard index?)");
                    }
                    kept = new RunResult(fullId, run.testName(), id, run.logs(), run.startedAt(), run.duration(), run.error());
                    renamed.put(fullId, run.fullId());
                    renames.put(run.fullId(), fullId);
                }
                runs.put(kept.fullId(), kept);
            }
            renamesByInput.add(renames);
            totalPass += r.results().totalPass();
            totalFail += r.results().totalFail();
        }
        Results results = new Results(runs.size(), totalPass, totalFail, Duration.between(start, end), runs);

        SortedMap<String, List<Histogram>> byOp = new TreeMap<>();
        inputs.forEach(r -> r.operations().forEach(
                (op, stats) -> byOp.computeIfAbsent(op, k -> new ArrayList<>()).add(stats.histogram())));
        SortedMap<String, OperationStats> operations = new TreeMap<>();
        byOp.forEach((op, hs) -> operations.put(op, new OperationStats(op, HistogramEncoding.sum(hs))));

        TrafficSummary traffic = null;
        for (ScaletestReport r : inputs) {
            if (r.traffic() != null) {
                traffic = traffic == null ? r.traffic() : traffic.plus(r.traffic());
            }
        }

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
        long lateStarts = inputs.stream().mapToLong(ScaletestReport::lateStarts).sum();
        Throttling throttling = inputs.stream().map(ScaletestReport::throttling).reduce(Throttling.NONE, Throttling::plus);

        List<ReportMetadata.Source> sources = new ArrayList<>();
        for (ScaletestReport r : inputs) {
            if (r.metadata().mergedFrom().isEmpty()) {
                ReportMetadata m = r.metadata();
                sources.add(new ReportMetadata.Source(m.commandLine(), m.shard(), m.startedAt(), m.endedAt()));
            } else {
                sources.addAll(r.metadata().mergedFrom());
            }
        }
        ReportMetadata first = inputs.get(0).metadata();
        ReportMetadata metadata = new ReportMetadata(first.toolVersion(), first.commandLine(), first.targetUrl(),
                start, end, null, sources, renamed);

        Set<String> expressions = new LinkedHashSet<>();
        inputs.forEach(r -> r.thresholds().forEach(t -> expressions.add(t.expression())));
        extra.forEach(t -> expressions.add(t.expression()));
        List<Threshold> thresholds = expressions.stream().map(Threshold::parse).toList();
        List<ErrorTally> errorList = ErrorTallies.byMostFrequent(errors.values());
        long errorCount = errorList.stream().mapToLong(ErrorTally::count).sum();
        List<ThresholdOutcome> outcomes = evaluator.evaluate(thresholds, new ReportThresholdSubject(
                operations, results.totalRuns(), totalFail, errorCount, traffic, lateStarts));

        return new ScaletestReport(results, metadata, operations, traffic, errorList, timeseries(inputs, start),
                outcomes, Verdict.of(totalFail, outcomes), lateStarts, throttling);
    }

    private static Timeseries timeseries(List<ScaletestReport> inputs, Instant start) {
        long interval = 0;
        for (ScaletestReport r : inputs) {
            long own = r.timeseries().intervalMs();
            if (r.timeseries().points().isEmpty()) {
                continue;
            }
            if (interval == 0) {
                interval = own;
            } else if (Math.abs(own - interval) > interval * INTERVAL_TOLERANCE) {
                throw new IllegalArgumentException("cannot merge time series with different intervals ("
                        + interval + "ms and " + own + "ms); run every shard with the same metrics interval");
            }
        }
        if (interval == 0) {
            return Timeseries.empty();
        }
        SortedMap<Long, List<Timeseries.Point>> slots = new TreeMap<>();
        for (ScaletestReport r : inputs) {
            long offset = r.metadata().startedAt().toEpochMilli() - start.toEpochMilli();
            for (Timeseries.Point p : r.timeseries().points()) {
                long slot = Math.floorDiv(offset + p.t(), interval);
                slots.computeIfAbsent(slot, k -> new ArrayList<>()).add(p);
            }
        }
        List<Timeseries.Point> points = new ArrayList<>();
        for (Map.Entry<Long, List<Timeseries.Point>> slot : slots.entrySet()) {
            SortedMap<String, List<Histogram>> latencies = new TreeMap<>();
            SortedMap<String, Double> rates = new TreeMap<>();
            SortedMap<String, Long> gauges = new TreeMap<>();
            for (Timeseries.Point p : slot.getValue()) {
                p.latencies().forEach((op, h) -> latencies.computeIfAbsent(op, k -> new ArrayList<>()).add(h));
                p.rates().forEach((name, v) -> rates.merge(name, v, (a, b) -> ReportBuilder.round3(a + b)));
                p.gauges().forEach((name, v) -> gauges.merge(name, v, Long::sum));
            }
            SortedMap<String, Histogram> summed = new TreeMap<>();
            latencies.forEach((op, hs) -> summed.put(op, HistogramEncoding.sum(hs)));
            points.add(new Timeseries.Point(slot.getKey() * interval, summed, rates, gauges));
        }
        return new Timeseries(interval, points);
    }
}
