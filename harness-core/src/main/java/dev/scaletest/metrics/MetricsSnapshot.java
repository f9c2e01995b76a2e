package dev.scaletest.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Everything measured during a run, read off the hot path. Latency histograms hold microseconds,
 * keyed by operation name ({@code user.create}, {@code build.run}, {@code traffic.echo_rtt}; an
 * uncorrected twin of a coordinated-omission-corrected operation is named {@code <op>.uncorrected}).
 * Counters are totals ({@code traffic.bytes_written}); gauges are levels
 * ({@code traffic.streams_active}): a {@link LevelGauge}'s peak within the interval, any other the
 * level at the interval's end. Intervals hold what happened within each point of the time series,
 * each spanning {@code resolution} (the last may span less); null resolution means unknown, and a
 * reader takes the first interval's length.
 */
public record MetricsSnapshot(
        Instant start,
        Instant end,
        Map<String, Histogram> latencies,
        Map<String, Long> counters,
        List<Interval> intervals,
        Duration resolution) {

    /** A snapshot whose resolution is the length of its first interval. */
    public MetricsSnapshot(Instant start, Instant end, Map<String, Histogram> latencies, Map<String, Long> counters,
            List<Interval> intervals) {
        this(start, end, latencies, counters, intervals, null);
    }

    public record Interval(
            Instant start,
            Instant end,
            Map<String, Histogram> latencies,
            Map<String, Long> counters,
            Map<String, Long> gauges) {}
}
