package dev.scaletest.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The time series of merged shards, aligned by wall-clock time. Its interval is the coarsest
 * input's: a long shard's series is coarser than a short one's (the tool halves a series'
 * resolution rather than let it grow), so finer inputs are summed into the coarse slots first.
 * A point lands in slot {@code floor((input start + t - merged start) / interval)}.
 * <ul>
 *   <li>Within one input, the points of a slot add their latencies, average their rates over the
 *       slot and keep the larger gauge peak.</li>
 *   <li>Across inputs, latencies, rates and gauges add, since shards run side by side.</li>
 * </ul>
 * Every input's interval must divide the coarsest one, within 2%.
 */
final class TimeseriesMerge {
    /**
     * Intervals within 2% of each other count as the same: older reports carry the measured length
     * of their first interval, which the sampler's scheduling shifts by a few milliseconds.
     */
    static final double INTERVAL_TOLERANCE = 0.02;

    private TimeseriesMerge() {
    }

    static Timeseries of(List<ScaletestReport> inputs, Instant start) {
        long interval = coarsest(inputs);
        if (interval == 0) {
            return Timeseries.empty();
        }
        SortedMap<Long, List<Timeseries.Point>> slots = new TreeMap<>();
        for (ScaletestReport r : inputs) {
            long offset = r.metadata().startedAt().toEpochMilli() - start.toEpochMilli();
            double share = (double) r.timeseries().intervalMs() / interval;
            SortedMap<Long, Timeseries.Point> own = new TreeMap<>();
            for (Timeseries.Point p : r.timeseries().points()) {
                long slot = Math.floorDiv(offset + p.t(), interval);
                Timeseries.Point scaled = scaled(p, slot * interval, share);
                own.merge(slot, scaled, TimeseriesMerge::sameShard);
            }
            own.forEach((slot, p) -> slots.computeIfAbsent(slot, k -> new ArrayList<>()).add(p));
        }
        List<Timeseries.Point> points = new ArrayList<>();
        for (Map.Entry<Long, List<Timeseries.Point>> slot : slots.entrySet()) {
            SortedMap<String, List<Histogram>> latencies = new TreeMap<>();
            SortedMap<String, Double> rates = new TreeMap<>();
            SortedMap<String, Long> gauges = new TreeMap<>();
            for (Timeseries.Point p : slot.getValue()) {
                p.latencies().forEach((op, h) -> latencies.computeIfAbsent(op, k -> new ArrayList<>()).add(h));
                p.rates().forEach((name, v) -> rates.merge(name, v, Double::sum));
                p.gauges().forEach((name, v) -> gauges.merge(name, v, Long::sum));
            }
            SortedMap<String, Histogram> summed = new TreeMap<>();
            latencies.forEach((op, hs) -> summed.put(op, HistogramEncoding.sum(hs)));
            SortedMap<String, Double> rounded = new TreeMap<>();
            rates.forEach((name, v) -> rounded.put(name, ReportBuilder.round3(v)));
            points.add(new Timeseries.Point(slot.getKey() * interval, summed, rounded, gauges));
        }
        return new Timeseries(interval, points);
    }

    /**
     * The coarsest interval among inputs with points (0 when none has any); the first of those
     * within tolerance of each other is kept. Throws when some input's interval does not divide it.
     */
    private static long coarsest(List<ScaletestReport> inputs) {
        long interval = 0;
        for (ScaletestReport r : inputs) {
            long own = r.timeseries().intervalMs();
            if (!r.timeseries().points().isEmpty() && !same(own, interval) && own > interval) {
                interval = own;
            }
        }
        for (ScaletestReport r : inputs) {
            long own = r.timeseries().intervalMs();
            long times = Math.max(1, Math.round((double) interval / own));
            if (!r.timeseries().points().isEmpty() && !same(own * times, interval)) {
                throw new IllegalArgumentException("cannot merge time series whose intervals do not divide each other ("
                        + own + "ms and " + interval + "ms); run every shard with the same metrics interval");
            }
        }
        return interval;
    }

    private static boolean same(long a, long b) {
        return Math.abs(a - b) <= Math.max(a, b) * INTERVAL_TOLERANCE;
    }

    /** A point placed at {@code t}, its rates weighted by the share of the slot it spans. */
    private static Timeseries.Point scaled(Timeseries.Point p, long t, double share) {
        SortedMap<String, Histogram> latencies = new TreeMap<>();
        // An auto-resizing copy, since a later point of the slot may hold larger values.
        p.latencies().forEach((op, h) -> latencies.put(op, HistogramEncoding.sum(List.of(h))));
        SortedMap<String, Double> rates = new TreeMap<>();
        p.rates().forEach((name, v) -> rates.put(name, v * share));
        return new Timeseries.Point(t, latencies, rates, new TreeMap<>(p.gauges()));
    }

    private static Timeseries.Point sameShard(Timeseries.Point a, Timeseries.Point b) {
        b.latencies().forEach((op, h) -> a.latencies().merge(op, h, (x, y) -> {
            x.add(y);
            return x;
        }));
        b.rates().forEach((name, v) -> a.rates().merge(name, v, Double::sum));
        b.gauges().forEach((name, v) -> a.gauges().merge(name, v, Math::max));
        return a;
    }
}
