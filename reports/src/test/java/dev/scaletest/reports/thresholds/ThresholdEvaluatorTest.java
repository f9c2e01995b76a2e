package dev.scaletest.reports.thresholds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.metrics.MetricsSnapshot;
import dev.scaletest.reports.MetricNames;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ThresholdEvaluatorTest {
    private final ThresholdEvaluator evaluator = new ThresholdEvaluator();

    private static MetricsSnapshot snapshot(long written, long read, long target, long streams) {
        Histogram rtt = new Histogram(3);
        for (int i = 1; i <= 100; i++) {
            rtt.recordValue(i * 10L); // 10µs .. 1ms, all exact at 3 significant digits
        }
        return new MetricsSnapshot(Instant.EPOCH, Instant.EPOCH.plusSeconds(10), Map.of(MetricNames.ECHO_RTT, rtt),
                Map.of(MetricNames.TRAFFIC_BYTES_WRITTEN, written, MetricNames.TRAFFIC_BYTES_READ, read,
                        MetricNames.TRAFFIC_BYTES_TARGET, target, MetricNames.TRAFFIC_STREAMS, streams),
                List.of());
    }

    private ThresholdOutcome judge(String expression, ThresholdSubject subject) {
        return evaluator.evaluate(Threshold.parse(expression), subject);
    }

    @Test
    void latencyPercentiles() {
        ThresholdSubject s = new LiveThresholdSubject(snapshot(1000, 1000, 1000, 10), 10, 0, 0);
        ThresholdOutcome p99 = judge("traffic.echo_rtt:p99<250ms", s);
        assertTrue(p99.passed());
        assertEquals("990\u00b5s", p99.observed());
        assertEquals(0.99, p99.observedValue());
        assertFalse(judge("traffic.echo_rtt:p50<500us", s).passed());
        assertTrue(judge("traffic.echo_rtt:p50<=0.5ms", s).passed());
        assertTrue(judge("traffic.echo_rtt:max>=1ms", s).passed());
        assertTrue(judge("traffic.echo_rtt:count>=100", s).passed());
        assertEquals("505\u00b5s", judge("traffic.echo_rtt:mean<1s", s).observed());
    }

    @Test
    void missingOperationFails() {
        ThresholdOutcome o = judge("build.run:p95<120s", new LiveThresholdSubject(snapshot(1, 1, 1, 1), 1, 0, 0));
        assertFalse(o.passed());
        assertEquals("no samples", o.observed());
        assertNull(o.observedValue());
    }

    @Test
    void errorRatiosAndDelivery() {
        ThresholdSubject s = new LiveThresholdSubject(snapshot(995, 990, 1000, 200), 100, 2, 1);
        ThresholdOutcome runs = judge("errors<1%", s);
        assertFalse(runs.passed());
        assertEquals("2% (2/100)", runs.observed());
        assertTrue(judge("stream_errors<1%", s).passed(), "1 error over 200 streams");
        ThresholdOutcome delivery = judge("delivery>99%", s);
        assertFalse(delivery.passed(), "990 of 1000 planned bytes came back");
        assertEquals(99.0, delivery.observedValue(), 1e-9);
        assertTrue(judge("delivery>=99%", s).passed());
        assertEquals("no traffic", judge("delivery>99%", new LiveThresholdSubject(snapshot(0, 0, 0, 0), 1, 0, 0)).observed());
    }

    @Test
    void tableLinesUpColumns() {
        String table = ThresholdTable.render(List.of(new ThresholdOutcome("build.run:p95<120s", "31s", 31000.0, true),
                new ThresholdOutcome("errors<1%", "12.5% (1/8)", 12.5, false)));
        assertEquals("""
                expression         | observed    | result
                -------------------+-------------+-------
                build.run:p95<120s | 31s         | pass
                errors<1%          | 12.5% (1/8) | FAIL
                """, table);
    }
}
