package dev.scaletest.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class IntervalSeriesTest {
    private static final Instant ORIGIN = Instant.parse("2026-12-06T10:00:00Z");

    /** Interval i: i+1 samples of (i+1) ms, a counter delta of i, a gauge peak of i % 3; closed 3 ms late. */
    private static MetricsSnapshot.Interval second(int i) {
        Histogram h = new Histogram(3);
        h.setAutoResize(true);
        h.recordValueWithCount((i + 1) * 1000L, i + 1);
        Instant start = ORIGIN.plusMillis(i * 1000L + (i == 0 ? 0 : 3));
        Instant end = ORIGIN.plusMillis((i + 1) * 1000L + 3);
        return new MetricsSnapshot.Interval(start, end, CompactHistograms.of(Map.of("op", h), start.toEpochMilli(), end.toEpochMilli()),
                Map.of("bytes", (long) i), Map.of("streams", (long) (i % 3)));
    }

    @Test
    void aSeriesAtItsBoundMergesNeighboursAndDoublesItsWidthLosingNoCount() {
        IntervalSeries series = new IntervalSeries(ORIGIN, Duration.ofSeconds(1), 4);
        for (int i = 0; i < 10; i++) {
            series.add(second(i));
        }
        List<MetricsSnapshot.Interval> points = series.points();
        assertEquals(Duration.ofSeconds(4), series.width());
        assertEquals(3, points.size());
        assertEquals(List.of(ORIGIN, ORIGIN.plusMillis(4003), ORIGIN.plusMillis(8003)), points.stream().map(MetricsSnapshot.Interval::start).toList());
        assertEquals(ORIGIN.plusMillis(10_003), points.get(2).end());
        assertEquals(List.of(1L + 2 + 3 + 4, 5L + 6 + 7 + 8, 9L + 10), points.stream().map(p -> p.latencies().get("op").getTotalCount()).toList());
        assertEquals(4000, points.get(0).latencies().get("op").getMaxValue(), 4000 * 0.001);
        assertEquals(1000, points.get(0).latencies().get("op").getMinValue(), 1000 * 0.001);
        assertEquals(List.of(0L + 1 + 2 + 3, 4L + 5 + 6 + 7, 8L + 9), points.stream().map(p -> p.counters().get("bytes")).toList());
        assertEquals(List.of(2L, 2L, 2L), points.stream().map(p -> p.gauges().get("streams")).toList(), "the peak over each span");
    }

    @Test
    void belowItsBoundTheSeriesKeepsEveryInterval() {
        IntervalSeries series = new IntervalSeries(ORIGIN, Duration.ofSeconds(1), 900);
        for (int i = 0; i < 900; i++) {
            series.add(second(i));
        }
        assertEquals(900, series.points().size());
        assertEquals(Duration.ofSeconds(1), series.width());
        series.add(second(900));
        assertEquals(451, series.points().size());
        assertEquals(Duration.ofSeconds(2), series.width());
    }

    @Test
    void theBoundIsEvenAndAtLeastTwo() {
        assertThrows(IllegalArgumentException.class, () -> new IntervalSeries(ORIGIN, Duration.ofSeconds(1), 3));
        assertThrows(IllegalArgumentException.class, () -> new IntervalSeries(ORIGIN, Duration.ofSeconds(1), 0));
    }
}
