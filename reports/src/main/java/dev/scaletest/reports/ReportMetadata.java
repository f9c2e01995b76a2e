package dev.scaletest.reports;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where and how a report was made. {@code commandLine} is already redacted (see
 * {@link CommandLineRedaction}). {@code coderVersion} is what coderd said it is
 * ({@code GET /api/v2/buildinfo}), so runs compare across upgrades; null when unknown (older reports,
 * or a deployment that did not say). {@code runId} names the logical run that every shard of it shares;
 * null in reports written before run ids. {@code shard} is null for an unsharded run and for a merge.
 * A merged report lists its inputs in {@code mergedFrom}, the run ids it had to rename in
 * {@code renamedRuns} (new full id to original full id), and in {@code missingShards} the shard
 * indexes that were not there when it was merged anyway: such a report is {@link #incomplete()}.
 */
public record ReportMetadata(
        String toolVersion,
        String commandLine,
        String targetUrl,
        String coderVersion,
        Instant startedAt,
        Instant endedAt,
        String runId,
        Shard shard,
        List<Source> mergedFrom,
        Map<String, String> renamedRuns,
        List<Integer> missingShards) {

    public ReportMetadata {
        mergedFrom = List.copyOf(mergedFrom);
        renamedRuns = Map.copyOf(renamedRuns);
        missingShards = List.copyOf(missingShards);
    }

    /**
     * Shard {@code index} (0-based) of {@code count}, with the target range it covered if any. The
     * rule for a valid pair is {@link dev.scaletest.harness.Shard}'s, so a report with a shard out of
     * range does not read.
     */
    public record Shard(int index, int count, String targetRange) {
        public Shard {
            new dev.scaletest.harness.Shard(index, count);
        }

        public static Shard of(dev.scaletest.harness.Shard shard) {
            return new Shard(shard.index(), shard.count(), null);
        }

        public dev.scaletest.harness.Shard asShard() {
            return new dev.scaletest.harness.Shard(index, count);
        }

        /** {@code shard 1 of 4}: 1-based for people. */
        public String label() {
            return asShard().label();
        }
    }

    /**
     * One input of a merge. {@code figures} is null in merged reports written before they were
     * recorded.
     */
    public record Source(String commandLine, Shard shard, Instant startedAt, Instant endedAt, Figures figures) {}

    /**
     * What one input of a merge did, for the merged page's shard table and per-shard charts:
     * its run totals and verdict, the traffic streams it opened (0 without traffic), and its rates
     * and gauges over time ({@code activity}: a time series without latencies, {@code t} counted
     * from the input's own start).
     */
    public record Figures(int totalRuns, int totalPass, int totalFail, Verdict verdict, long streams, Timeseries activity) {}

    public static ReportMetadata of(String toolVersion, String commandLine, String targetUrl, Instant startedAt,
            Instant endedAt, Shard shard) {
        return of(toolVersion, commandLine, targetUrl, startedAt, endedAt, null, shard);
    }

    public static ReportMetadata of(String toolVersion, String commandLine, String targetUrl, Instant startedAt,
            Instant endedAt, String runId, Shard shard) {
        return new ReportMetadata(toolVersion, commandLine, targetUrl, null, startedAt, endedAt, runId, shard, List.of(),
                Map.of(), List.of());
    }

    /** The same metadata with these start and end times. */
    public ReportMetadata withTimes(Instant start, Instant end) {
        return new ReportMetadata(toolVersion, commandLine, targetUrl, coderVersion, start, end, runId, shard, mergedFrom,
                renamedRuns, missingShards);
    }

    /** The same metadata naming coderd's version ({@code null}: unknown). */
    public ReportMetadata withCoderVersion(String version) {
        return new ReportMetadata(toolVersion, commandLine, targetUrl, version, startedAt, endedAt, runId, shard, mergedFrom,
                renamedRuns, missingShards);
    }

    /** A merge made without every shard of its run. */
    public boolean incomplete() {
        return !missingShards.isEmpty();
    }

    /** The number of shards of the run this report covers a part of or all of; 0 when unsharded. */
    public int shardCount() {
        if (shard != null) {
            return shard.count();
        }
        return mergedFrom.stream().filter(s -> s.shard() != null).mapToInt(s -> s.shard().count()).findFirst().orElse(0);
    }

    /**
     * What part of its run the report covers, for people: {@code shard 1 of 4}, {@code merged from 4
     * of 4 shards}, {@code merged from 3 reports}; empty for a whole, unmerged run.
     */
    public Optional<String> scope() {
        if (shard != null) {
            return Optional.of(shard.label());
        }
        if (mergedFrom.isEmpty()) {
            return Optional.empty();
        }
        int count = shardCount();
        if (count == 0) {
            return Optional.of("merged from " + mergedFrom.size() + " reports");
        }
        return Optional.of("merged from " + (count - missingShards.size()) + " of " + count + " shards");
    }

    /**
     * What a reader of a merged report must know before trusting its totals, or empty: the shards
     * that are missing, or that the inputs had no shard metadata and so were not checked to be
     * the parts of one run. The text summary, the HTML page and the merge command print it.
     */
    public Optional<String> mergeNote() {
        if (incomplete()) {
            int count = shardCount();
            return Optional.of("Incomplete: no report from " + missingShards.stream()
                    .map(i -> new dev.scaletest.harness.Shard(i, count).label()).collect(Collectors.joining(", "))
                    + "; the figures cover the other " + (count - missingShards.size()) + " shards only.");
        }
        if (!mergedFrom.isEmpty() && mergedFrom.stream().allMatch(s -> s.shard() == null)) {
            return Optional.of("Merged " + mergedFrom.size() + " reports without shard metadata as they are: "
                    + "not checked to be the parts of one run.");
        }
        return Optional.empty();
    }
}
