package dev.scaletest.reports;

import dev.scaletest.reports.thresholds.Threshold;
import java.util.List;

/**
 * How {@link ReportMerger} merges. {@code allowIncomplete} merges the shards that are there when
 * some of the run's are missing, and marks the result incomplete (the merge command's
 * {@code --allow-incomplete}); without it a missing shard is a {@link ShardSetException}.
 * {@code thresholds} are judged on the merged figures besides those the inputs carry (the merge
 * command's {@code --threshold}).
 */
public record MergeOptions(boolean allowIncomplete, List<Threshold> thresholds) {
    /** Every shard of the run, no extra thresholds. */
    public static final MergeOptions STRICT = new MergeOptions(false, List.of());

    public MergeOptions {
        thresholds = List.copyOf(thresholds);
    }

    public MergeOptions allowingIncomplete() {
        return new MergeOptions(true, thresholds);
    }

    public MergeOptions withThresholds(List<Threshold> extra) {
        return new MergeOptions(allowIncomplete, extra);
    }
}
