package dev.scaletest.simulator.ratelimit;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * go-chi/httprate's sliding-window counter, as coderd's {@code httpmw.RateLimit} uses it. Windows
 * are aligned to wall-clock truncation of the window length; a key's rate is its count in the current
 * window plus its count in the previous window weighted by the part of the previous window that still
 * overlaps the sliding window, rounded to the nearest integer. A request is refused when that rate
 * plus one exceeds the limit, and a refused request is not counted.
 *
 * <p>Keys live in a bounded map in least-recently-used order. A key's entry stops mattering once its
 * window is older than the previous one; such entries are swept once per window, and beyond
 * {@code maxKeys} the least recently used key is dropped.
 */
public final class SlidingWindowLimiter {
    /**
     * Go truncates a time to a multiple of the duration since its zero time, January 1 of year 1 UTC,
     * which lies this many seconds before the Unix epoch: windows that do not divide a day are
     * aligned to that instant, not to the epoch.
     */
    private static final long GO_ZERO_TIME_TO_UNIX_EPOCH_SECONDS = 62_135_596_800L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int limit;
    private final long windowNanos;
    private final long zeroTimeShift;
    private final InstantSource clock;
    private final Map<String, Counts> counts;
    private long sweptWindow = Long.MIN_VALUE;

    /** Counts of one key: the window they belong to, requests admitted in it and in the window before. */
    private static final class Counts {
        long windowStart;
        int current;
        int previous;

        Counts(long windowStart) {
            this.windowStart = windowStart;
        }

        /** Moves the counts forward to {@code windowStart}; windows skipped over count nothing. */
        void rollTo(long start, long windowNanos) {
            if (windowStart == start) {
                return;
            }
            previous = windowStart == start - windowNanos ? current : 0;
            current = 0;
            windowStart = start;
        }
    }

    /**
     * @param limit   requests a key may make per window; at least 1
     * @param window  the window length, at least one second (the {@code Retry-After} header holds whole seconds)
     * @param clock   wall-clock time (windows are aligned to it)
     * @param maxKeys the most keys tracked at once
     */
    public SlidingWindowLimiter(int limit, Duration window, InstantSource clock, int maxKeys) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        if (window.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("window must be at least 1s, got " + window);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, got " + maxKeys);
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.zeroTimeShift = BigInteger.valueOf(GO_ZERO_TIME_TO_UNIX_EPOCH_SECONDS)
                .multiply(BigInteger.valueOf(NANOS_PER_SECOND))
                .mod(BigInteger.valueOf(windowNanos)).longValueExact();
        this.clock = clock;
        this.counts = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Counts> eldest) {
                return size() > maxKeys;
            }
        };
    }

    public int limit() {
        return limit;
    }

    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    /** Rates {@code key}'s request: admits and counts it, or refuses it without counting. */
    public synchronized LimitDecision admit(String key) {
        long now = epochNanos(clock.instant());
        long windowStart = windowStart(now);
        sweepExpired(windowStart);
        Counts entry = counts.get(key);
        int rate = 0;
        if (entry != null) {
            entry.rollTo(windowStart, windowNanos);
            double overlap = (double) (windowNanos - (now - windowStart)) / windowNanos;
            rate = (int) Math.round(entry.previous * overlap + entry.current);
        }
        if (rate + 1 > limit) {
            return decision(false, limit - rate, windowStart);
        }
        if (entry == null) {
            entry = new Counts(windowStart);
            counts.put(key, entry);
        }
        entry.current++;
        return decision(true, limit - rate - 1, windowStart);
    }

    /**
     * The decision for a key never seen before, without tracking it: coderd gives an owner's bypass
     * request a random key, which is always admitted and never seen again.
     */
    public LimitDecision admitFreshKey() {
        return decision(true, limit - 1, windowStart(epochNanos(clock.instant())));
    }

    /** Keys tracked now, for tests. */
    public synchronized int trackedKeys() {
        return counts.size();
    }

    private LimitDecision decision(boolean admitted, int remaining, long windowStart) {
        long reset = Math.floorDiv(windowStart + windowNanos, NANOS_PER_SECOND);
        return new LimitDecision(admitted, limit, remaining, reset, windowNanos / NANOS_PER_SECOND);
    }

    private long windowStart(long epochNanos) {
        return epochNanos - Math.floorMod(Math.floorMod(epochNanos, windowNanos) + zeroTimeShift, windowNanos);
    }

    /** Once per window: entries older than the previous window hold nothing that still counts. */
    private void sweepExpired(long windowStart) {
        if (windowStart == sweptWindow) {
            return;
        }
        sweptWindow = windowStart;
        for (Iterator<Counts> it = counts.values().iterator(); it.hasNext(); ) {
            if (it.next().windowStart < windowStart - windowNanos) {
                it.remove();
            }
        }
    }

    private static long epochNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    }
}
