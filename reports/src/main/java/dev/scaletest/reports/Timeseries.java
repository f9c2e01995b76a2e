package dev.scaletest.reports;

import java.util.List;
import java.util.SortedMap;
import org.HdrHistogram.Histogram;

/** Per-interval figures; {@code t} of a point is milliseconds from the report's start. */
public record Timeseries(long intervalMs, List<Point> points) {

    /**
     * One sampling interval: latencies recorded within it (microseconds), counters as rates per
     * second over the interval, gauges as sampled at its end.
     */
    public record Point(
            long t,
            SortedMap<String, Histogram> latencies,
            SortedMap<String, Double> rates,
            SortedMap<String, Long> gauges) {}

    public static Timeseries empty() {
        return new Timeseries(0, List.of());
    }
}
