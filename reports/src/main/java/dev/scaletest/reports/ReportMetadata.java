package dev.scaletest.reports;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where and how a report was made. {@code commandLine} is already redacted (see
 * {@link CommandLineRedaction}). {@code shard} is null for an unsharded run. A merged report lists
 * its inputs in {@code mergedFrom} and the run ids it had to rename in {@code renamedRuns}
 * (new full id to original full id).
 */
public record ReportMetadata(
        String toolVersion,
        String commandLine,
        String targetUrl,
        Instant startedAt,
        Instant endedAt,
        Shard shard,
        List<Source> mergedFrom,
        Map<String, String> renamedRuns) {

    /** Shard {@code index} (0-based) of {@code count}, with the target range it covered if any. */
    public record Shard(int index, int count, String targetRange) {}

    /** One input of a merge. */
    public record Source(String commandLine, Shard shard, Instant startedAt, Instant endedAt) {}

    public static ReportMetadata of(String toolVersion, String commandLine, String targetUrl, Instant startedAt,
            Instant endedAt, Shard shard) {
        return new ReportMetadata(toolVersion, commandLine, targetUrl, startedAt, endedAt, shard, List.of(), Map.of());
    }
}
