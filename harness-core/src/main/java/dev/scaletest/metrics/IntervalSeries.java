package dev.scaletest.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The closed intervals of a run, held to at most {@code maxPoints} whatever the run's length. Each
 * kept point spans one width, aligned to the series' start; when a new point would exceed the
 * bound, neighbouring points merge pairwise and the width doubles. A long run therefore keeps its
 * first minutes at the sampling interval and a soak of a day keeps a coarser series of the same
 * size, instead of growing by every second it ran. Merging loses no count: latencies add (an
 * HdrHistogram sum), counter deltas add and gauge peaks take the larger, so the points still sum
 * to the run's totals. Not thread-safe; {@link OperationMetrics} calls it under its lock.
 */
final class IntervalSeries {

    /**
     * The default bound: 15 minutes at one-second sampling, then 2 s up to half an hour, 4 s up to
     * an hour, and so on; more points than a report's chart can show side by side.
     */
    static final int DEFAULT_MAX_POINTS = 900;

    private final Instant origin;
    private final long sampleMillis;
    private final int maxPoints;
    private final List<MetricsSnapshot.Interval> points = new ArrayList<>();
    private long widthMillis;

    IntervalSeries(Instant origin, Duration sampling, int maxPoints) {
        if (maxPoints < 2 || maxPoints % 2 != 0) {
            throw new IllegalArgumentException("a bounded time series keeps an even number of at least 2 points, got " + maxPoints);
        }
        this.origin = origin;
        this.sampleMillis = Math.max(1, sampling.toMillis());
        this.maxPoints = maxPoints;
        this.widthMillis = sampleMillis;
    }

    /**
     * Adds a closed interval. At the sampling resolution each one is kept as it is; once the series
     * was widened, it merges into the last point when both fall within one width.
     */
    void add(MetricsSnapshot.Interval closed) {
        if (points.size() == maxPoints && !joinsLast(closed)) {
            widen();
        }
        if (joinsLast(closed)) {
            points.set(points.size() - 1, merge(points.get(points.size() - 1), closed));
        } else {
            points.add(closed);
        }
    }

    private boolean joinsLast(MetricsSnapshot.Interval closed) {
        return widthMillis > sampleMillis && !points.isEmpty() && slot(points.get(points.size() - 1)) == slot(closed);
    }

    /** What each point spans (the last one may span less): the sampling interval times a power of two. */
    Duration width() {
        return Duration.ofMillis(widthMillis);
    }

    List<MetricsSnapshot.Interval> points() {
        return List.copyOf(points);
    }

    private void widen() {
        widthMillis *= 2;
        List<MetricsSnapshot.Interval> merged = new ArrayList<>(points.size() / 2 + 1);
        for (MetricsSnapshot.Interval point : points) {
            int last = merged.size() - 1;
            if (last >= 0 && slot(merged.get(last)) == slot(point)) {
                merged.set(last, merge(merged.get(last), point));
            } else {
                merged.add(point);
            }
        }
        points.clear();
        points.addAll(merged);
    }

    /**
     * The slot a point starts in. Half a sampling interval is added because closes come a few
     * milliseconds after their schedule, never a whole interval early or late.
     */
    private long slot(MetricsSnapshot.Interval point) {
        long sinceOrigin = point.start().toEpochMilli() - origin.toEpochMilli();
        return Math.floorDiv(sinceOrigin + sampleMillis / 2, widthMillis);
    }

    static MetricsSnapshot.Interval merge(MetricsSnapshot.Interval earlier, MetricsSnapshot.Interval later) {
        Map<String, Histogram> latencies = new TreeMap<>();
        earlier.latencies().forEach((op, h) -> latencies.put(op, h));
        later.latencies().forEach((op, h) -> latencies.merge(op, h, (a, b) -> {
            a.add(b);
            return a;
        }));
        Map<String, Long> counters = new TreeMap<>(earlier.counters());
        later.counters().forEach((name, delta) -> counters.merge(name, delta, Long::sum));
        // A wider point keeps the larger gauge value: for a level (every gauge the tool records) its peak over the span.
        Map<String, Long> gauges = new TreeMap<>(earlier.gauges());
        later.gauges().forEach((name, peak) -> gauges.merge(name, peak, Math::max));
        return new MetricsSnapshot.Interval(earlier.start(), later.end(),
                CompactHistograms.of(latencies, earlier.start().toEpochMilli(), later.end().toEpochMilli()),
                Collections.unmodifiableMap(counters), Collections.unmodifiableMap(gauges));
    }
}
