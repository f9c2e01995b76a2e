package dev.scaletest.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which shards of which run the inputs of a merge hold, and whether that is one run, whole. An input
 * that is itself a merge counts with the shards it was merged from. The owner of the rule
 * {@code report merge} applies: inputs with shard metadata share one run id and one shard count
 * and hold every index from 0 to count-1 exactly once; inputs without any shard metadata (manual
 * splits by {@code --target-workspaces}) merge unchecked.
 *
 * @param runId the run id every input shares; null when they share none (or all lack one)
 * @param count the shard count, 0 when the inputs are unsharded
 * @param missing indexes no input holds (0-based, ascending)
 */
record ShardCoverage(String runId, int count, List<Integer> missing) {

    /**
     * Checks the inputs; throws {@link ShardSetException} when they are not the shards of one run,
     * or when shards are missing and {@code allowIncomplete} is false.
     */
    static ShardCoverage check(List<ScaletestReport> inputs, boolean allowIncomplete) {
        Map<String, Integer> reportsByRun = new LinkedHashMap<>();
        SortedMap<Integer, Integer> reportsByCount = new TreeMap<>();
        SortedMap<Integer, Integer> reportsByIndex = new TreeMap<>();
        int sharded = 0;
        int unsharded = 0;
        for (ScaletestReport input : inputs) {
            ReportMetadata m = input.metadata();
            reportsByRun.merge(Objects.toString(m.runId(), ""), 1, Integer::sum);
            List<ReportMetadata.Shard> shards = m.mergedFrom().isEmpty()
                    ? java.util.Collections.singletonList(m.shard())
                    : m.mergedFrom().stream().map(ReportMetadata.Source::shard).toList();
            for (ReportMetadata.Shard s : shards) {
                if (s == null) {
                    unsharded++;
                } else {
                    sharded++;
                    reportsByCount.merge(s.count(), 1, Integer::sum);
                    reportsByIndex.merge(s.index(), 1, Integer::sum);
                }
            }
        }
        String runId = reportsByRun.size() == 1 ? reportsByRun.keySet().iterator().next() : null;
        runId = runId == null || runId.isEmpty() ? null : runId;
        if (sharded == 0) {
            return new ShardCoverage(runId, 0, List.of());
        }
        String run = runId == null ? "the run" : "run " + runId;
        if (reportsByRun.size() > 1) {
            throw new ShardSetException("cannot merge: the reports come from different runs (" + tally(reportsByRun,
                    "run id ") + "); merge the shards of one run", List.of(), List.of());
        }
        if (unsharded > 0) {
            throw new ShardSetException("cannot merge " + run + ": " + sharded + " of the reports are shards and " + unsharded
                    + " have no shard metadata; merge the shards of one run only", List.of(), List.of());
        }
        if (reportsByCount.size() > 1) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            reportsByCount.forEach((c, n) -> counts.put(Integer.toString(c), n));
            throw new ShardSetException("cannot merge " + run + ": the reports disagree on the shard count ("
                    + tally(counts, "count ") + ")", List.of(), List.of());
        }
        int count = reportsByCount.firstKey();
        List<Integer> missing = new ArrayList<>();
        List<Integer> duplicated = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = reportsByIndex.getOrDefault(i, 0);
            if (n == 0) {
                missing.add(i);
            } else if (n > 1) {
                duplicated.add(i);
            }
        }
        if (!duplicated.isEmpty() || (!missing.isEmpty() && !allowIncomplete)) {
            throw new ShardSetException(problem(run, count, missing, duplicated, reportsByIndex), missing, duplicated);
        }
        return new ShardCoverage(runId, count, missing);
    }

    private static String problem(String run, int count, List<Integer> missing, List<Integer> duplicated,
            Map<Integer, Integer> reportsByIndex) {
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing " + specs(missing, count));
        }
        if (!duplicated.isEmpty()) {
            parts.add("more than one report for " + duplicated.stream()
                    .map(i -> "--shard " + i + "/" + count + " (" + reportsByIndex.get(i) + ")")
                    .collect(Collectors.joining(", ")));
        }
        String hint = duplicated.isEmpty()
                ? "; --allow-incomplete merges the shards that are there"
                : "; pass each shard's report once";
        return "cannot merge " + run + " (" + count + " shards): " + String.join("; ", parts) + hint;
    }

    private static String specs(List<Integer> indexes, int count) {
        return "--shard " + indexes.stream().map(i -> i + "/" + count).collect(Collectors.joining(", "));
    }

    private static String tally(Map<String, Integer> reportsByKey, String prefix) {
        return reportsByKey.entrySet().stream()
                .map(e -> (e.getKey().isEmpty() ? "no run id" : prefix + e.getKey()) + ": " + e.getValue()
                        + (e.getValue() == 1 ? " report" : " reports"))
                .collect(Collectors.joining(", "));
    }
}
