package dev.scaletest.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.metrics.MetricsSnapshot;
import dev.scaletest.reports.MetricNames;
import dev.scaletest.reports.thresholds.LiveThresholdSubject;
import dev.scaletest.reports.thresholds.Threshold;
import dev.scaletest.reports.thresholds.ThresholdOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LiveThresholdWatchTest {

    /** Echo round trips of 10µs .. 1ms, and the traffic counters. */
    private static MetricsSnapshot snapshot(long written, long read, long target, long streams) {
        Histogram rtt = new Histogram(3);
        for (int i = 1; i <= 100; i++) {
            rtt.recordValue(i * 10L);
        }
        return new MetricsSnapshot(Instant.EPOCH, Instant.EPOCH.plusSeconds(10), Map.of(MetricNames.ECHO_RTT, rtt),
                Map.of(MetricNames.TRAFFIC_BYTES_WRITTEN, written, MetricNames.TRAFFIC_BYTES_READ, read,
                        MetricNames.TRAFFIC_BYTES_TARGET, target, MetricNames.TRAFFIC_STREAMS, streams),
                List.of());
    }

    @Test
    void liveWatchReportsOnlyCeilingsThatCannotRecover() {
        LiveThresholdWatch watch = new LiveThresholdWatch(List.of(Threshold.parse("traffic.echo_rtt:p99<500us"),
                Threshold.parse("delivery>99.9%"), Threshold.parse("build.run:p95<1s"), Threshold.parse("errors<1%"),
                Threshold.parse("traffic.echo_rtt:max<500us")));
        List<ThresholdOutcome> breaches = watch.breaches(new LiveThresholdSubject(snapshot(1, 1, 1000, 1), 100, 2, 0));
        assertEquals(List.of("errors<1%", "traffic.echo_rtt:max<500us"),
                breaches.stream().map(ThresholdOutcome::expression).toList(), "a percentile may still recover");
        assertTrue(watch.breaches(new LiveThresholdSubject(snapshot(1, 1, 1000, 1), 100, 0, 0)).stream()
                .noneMatch(o -> o.expression().equals("errors<1%")), "no failed run yet");
        assertFalse(new LiveThresholdWatch(List.of(Threshold.parse("traffic.echo_rtt:p99<500us"))).watchesAny());
    }
}
