package dev.scaletest.reports.thresholds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThresholdParserTest {
    @Test
    void latencyWithGoDuration() {
        Threshold t = Threshold.parse("build.run:p95<120s");
        assertEquals(Threshold.Subject.LATENCY, t.subject());
        assertEquals("build.run", t.operation());
        assertEquals(Statistic.P95, t.statistic());
        assertEquals(Comparison.LT, t.comparison());
        assertEquals(120_000_000.0, t.bound());
    }

    @Test
    void everyStatisticAndComparison() {
        assertEquals(Statistic.P999, Threshold.parse("traffic.echo_rtt:p99.9<=1m30s").statistic());
        assertEquals(Statistic.P999, Threshold.parse("traffic.echo_rtt:p999<1s").statistic());
        assertEquals(1500.0, Threshold.parse("traffic.echo_rtt:mean >= 1.5ms").bound());
        assertEquals(Comparison.GE, Threshold.parse("traffic.echo_rtt:mean >= 1.5ms").comparison());
        assertEquals(100.0, Threshold.parse("user.create:count>100").bound());
        assertEquals(Statistic.MAX, Threshold.parse("agent.connect:max<2m").statistic());
        assertEquals(Statistic.MIN, Threshold.parse("agent.connect:min>0s").statistic());
        assertEquals(Statistic.P50, Threshold.parse("a:p50<1ms").statistic());
        assertEquals(Statistic.P90, Threshold.parse("a:p90<1ms").statistic());
        assertEquals(Statistic.P99, Threshold.parse("a:p99<1ms").statistic());
    }

    @Test
    void ratiosAndCounts() {
        Threshold errors = Threshold.parse("errors<1%");
        assertEquals(Threshold.Subject.RUN_ERRORS, errors.subject());
        assertEquals(0.01, errors.bound(), 1e-12);
        assertNull(errors.operation());
        assertEquals(Threshold.Subject.STREAM_ERRORS, Threshold.parse("stream_errors<=0.5%").subject());
        Threshold delivery = Threshold.parse("delivery>99%");
        assertEquals(Threshold.Subject.DELIVERY, delivery.subject());
        assertEquals(0.99, delivery.bound(), 1e-12);
        assertEquals(0.0, Threshold.parse("late_starts<=0").bound());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "build.run<120s", "build.run:p97<1s", "build.run:p95<120", "build.run:p95=1s",
            "errors<1", "delivery>120%", "user.create:count>1.5", "build.run:p95<-1s", "late_starts<x"})
    void badExpressionsNameThemselvesAndTheExpectedForm(String expression) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Threshold.parse(expression));
        assertTrue(e.getMessage().startsWith("invalid threshold \"" + expression.strip() + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("expected <operation>:<statistic><comparison><value>"), e.getMessage());
    }
}
