package dev.scaletest.harness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * One part of a run split over processes that never talk to each other (the pods of a Kubernetes
 * Indexed Job): shard {@code index} of {@code count}, the index 0-based as Kubernetes counts it.
 * Shards together do the whole run, each piece exactly once, and each decides alone what is its:
 *
 * <ul>
 *   <li>Numbered runs ({@code --count} of create-workspaces): {@link #runs(int)}, a contiguous,
 *       balanced slice. Runs keep their global number, so names and run ids built from it never
 *       collide across shards.</li>
 *   <li>Things of unknown number, found by listing (workspaces for traffic, resources for cleanup):
 *       {@link #owns(String)} by a stable key such as the workspace ID. A key belongs to shard
 *       {@code SHA-256(key) mod count} (the digest's first 8 bytes as an unsigned big-endian
 *       number). Each key depends on nothing but itself, so shards that list at different moments
 *       still never overlap and together cover everything each of them saw; the split is as even as
 *       a hash is (for 10,000 workspaces over 4 shards, within a few percent).</li>
 * </ul>
 */
public record Shard(int index, int count) {
    /** Set by Kubernetes in each pod of an Indexed Job: the pod's completion index. */
    public static final String INDEX_VARIABLE = "JOB_COMPLETION_INDEX";
    /** The shard count when {@code --shard-count} is not given; the Kubernetes manifest sets it. */
    public static final String COUNT_VARIABLE = "CODER_SCALETEST_SHARD_COUNT";

    private static final Pattern SPEC = Pattern.compile("(-?\\d{1,9})/(-?\\d{1,9})");

    public Shard {
        String problem = problem(index, count);
        if (problem != null) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": " + problem);
        }
    }

    /**
     * Reads {@code --shard INDEX/COUNT}, e.g. {@code 0/4} for the first of four. A bad spec is an
     * {@link IllegalArgumentException} whose one-line message says what is wrong and what to write.
     */
    public static Shard parse(String spec) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--shard \"" + (spec == null ? "" : spec)
                    + "\" is not INDEX/COUNT: write 0/4 for the first of four shards (indexes count from 0)");
        }
        int index = Integer.parseInt(m.group(1));
        int count = Integer.parseInt(m.group(2));
        String problem = problem(index, count);
        if (problem != null) {
            throw new IllegalArgumentException("--shard " + spec.strip() + ": " + problem);
        }
        return new Shard(index, count);
    }

    /**
     * The shard this process is, from {@code --shard} ({@code spec}), the count ({@code --shard-count}
     * or {@value #COUNT_VARIABLE}, whichever the caller resolved; null when neither is set) and
     * {@value #INDEX_VARIABLE} ({@code completionIndex}, null when unset). {@code --shard} wins over
     * the completion index; a count given with it must agree. Without a count the completion index
     * is ignored and the run is whole: empty.
     */
    public static Optional<Shard> resolve(String spec, Integer count, String completionIndex) {
        if (spec != null && !spec.isBlank()) {
            Shard shard = parse(spec);
            if (count != null && count != shard.count()) {
                throw new IllegalArgumentException("--shard " + shard.spec() + " and a shard count of " + count
                        + " (--shard-count or " + COUNT_VARIABLE + ") disagree: give one count");
            }
            return Optional.of(shard);
        }
        if (count == null) {
            return Optional.empty();
        }
        if (count < 1) {
            throw new IllegalArgumentException("shard count " + count + " (--shard-count or " + COUNT_VARIABLE
                    + "): the count must be at least 1");
        }
        if (completionIndex == null || completionIndex.isBlank()) {
            throw new IllegalArgumentException("a shard count of " + count + " needs this process's index: pass --shard "
                    + "INDEX/" + count + ", or run in a Kubernetes Indexed Job, which sets " + INDEX_VARIABLE);
        }
        int index;
        try {
            index = Integer.parseInt(completionIndex.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(INDEX_VARIABLE + " \"" + completionIndex + "\" is not a number");
        }
        String problem = problem(index, count);
        if (problem != null) {
            throw new IllegalArgumentException(INDEX_VARIABLE + "=" + index + " with a shard count of " + count + ": "
                    + problem + " (the Job's completions and the shard count must match)");
        }
        return Optional.of(new Shard(index, count));
    }

    /** What is wrong with the pair, or null. */
    private static String problem(int index, int count) {
        if (count < 1) {
            return "the count must be at least 1";
        }
        if (index < 0) {
            return "the index must not be negative (indexes count from 0)";
        }
        if (index >= count) {
            return "index " + index + " is not below the count " + count + " (indexes run from 0 to " + (count - 1) + ")";
        }
        return null;
    }

    /**
     * This shard's part of {@code total} numbered runs 0..total-1: {@code [index*total/count,
     * (index+1)*total/count)}. Slices are contiguous, cover every run once, and differ in size by at
     * most one; with fewer runs than shards some slices are empty.
     */
    public Slice runs(int total) {
        if (total < 0) {
            throw new IllegalArgumentException("a run count cannot be negative: " + total);
        }
        return new Slice((int) ((long) total * index / count), (int) ((long) total * (index + 1) / count));
    }

    /** Whether {@code key} (a workspace ID, say) belongs to this shard; see the class comment. */
    public boolean owns(String key) {
        return ownerOf(key, count) == index;
    }

    /** The index of the shard of {@code count} that owns {@code key}. */
    public static int ownerOf(String key, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a shard count must be at least 1: " + count);
        }
        if (count == 1) {
            return 0;
        }
        long hash = ByteBuffer.wrap(sha256().digest(key.getBytes(StandardCharsets.UTF_8))).getLong();
        return (int) Long.remainderUnsigned(hash, count);
    }

    /** The items this shard owns by {@code key}, in the order of their keys, the same in every process. */
    public <T> List<T> select(Collection<T> items, Function<? super T, String> key) {
        return items.stream().filter(item -> owns(key.apply(item)))
                .sorted(Comparator.comparing(key)).toList();
    }

    /** {@code INDEX/COUNT}, as {@code --shard} takes it. */
    public String spec() {
        return index + "/" + count;
    }

    /** For people, 1-based: {@code shard 1 of 4}. */
    public String label() {
        return "shard " + (index + 1) + " of " + count;
    }

    @Override
    public String toString() {
        return spec();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Runs {@code from} (inclusive) to {@code to} (exclusive) of a numbered run. */
    public record Slice(int from, int to) {
        public int size() {
            return to - from;
        }

        public boolean contains(int run) {
            return run >= from && run < to;
        }

        public IntStream runs() {
            return IntStream.range(from, to);
        }
    }
}
