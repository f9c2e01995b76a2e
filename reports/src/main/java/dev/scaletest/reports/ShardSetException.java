package dev.scaletest.reports;

import java.util.List;

/**
 * The inputs of a merge are not the shards of one run, each once: they come from different runs,
 * disagree on the shard count, mix shards with reports without shard metadata, repeat a shard, or
 * (unless the merge allows it) lack one. The message is one line naming what is wrong, in
 * {@code --shard INDEX/COUNT} terms; bad input, so the command exits 2.
 */
public final class ShardSetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<Integer> missing;
    private final transient List<Integer> duplicated;

    ShardSetException(String message, List<Integer> missing, List<Integer> duplicated) {
        super(message);
        this.missing = List.copyOf(missing);
        this.duplicated = List.copyOf(duplicated);
    }

    /** Shard indexes (0-based) no input has. */
    public List<Integer> missing() {
        return missing;
    }

    /** Shard indexes (0-based) more than one input has. */
    public List<Integer> duplicated() {
        return duplicated;
    }
}
