package dev.scaletest.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ArrivalRateTest {

    @Test
    void parsesRatesPerSecondMinuteAndHour() {
        assertEquals(20.0, ArrivalRate.parsePerSecond("20/s"));
        assertEquals(2.0, ArrivalRate.parsePerSecond("120/m"));
        assertEquals(0.5, ArrivalRate.parsePerSecond("1800/h"));
        assertEquals(7.5, ArrivalRate.parsePerSecond("7.5"));
        assertEquals(12.5, ArrivalRate.parsePerSecond(" 12.5/s "));
        assertEquals(0.5, ArrivalRate.parsePerSecond(".5"));
    }

    @Test
    void refusesWhatIsNotARateInOneLine() {
        for (String text : new String[] {"fast", "5/d", "/s", "", "-1/s", "1e3", "NaN", "Infinity", "5d", "5/s/s"}) {
            assertEquals("'" + text + "' is not a rate: write N/s (e.g. 50/s), N/m, N/h or a bare N per second",
                    assertThrows(IllegalArgumentException.class, () -> ArrivalRate.parsePerSecond(text)).getMessage());
        }
        assertEquals("'0/s' must be a rate greater than 0",
                assertThrows(IllegalArgumentException.class, () -> ArrivalRate.parsePerSecond("0/s")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ArrivalRate.parsePerSecond("1" + "0".repeat(400)));
        assertThrows(IllegalArgumentException.class, () -> ArrivalRate.constant(0));
    }

    @Test
    void describesItself() {
        assertEquals("20/s over 30s", new ArrivalRate(20, Duration.ofSeconds(30)).describe());
        assertEquals("0.5/s", ArrivalRate.constant(ArrivalRate.parsePerSecond("1800/h")).describe());
    }

    @Test
    void constantRatePlansEvenSpacing() {
        ArrivalRate rate = ArrivalRate.constant(20);
        assertEquals(0, rate.plannedOffsetNanos(0));
        assertEquals(50_000_000, rate.plannedOffsetNanos(1));
        assertEquals(1_000_000_000, rate.plannedOffsetNanos(20));
    }

    @Test
    void rampUpGrowsLinearlyThenHoldsTheRate() {
        // 10/s reached after 2s: 10 starts during the ramp, start i at sqrt(2*i*2/10) s.
        ArrivalRate rate = new ArrivalRate(10, Duration.ofSeconds(2));
        assertEquals(0, rate.plannedOffsetNanos(0));
        assertEquals(Math.round(Math.sqrt(0.4) * 1e9), rate.plannedOffsetNanos(1));
        assertEquals(Math.round(Math.sqrt(1.6) * 1e9), rate.plannedOffsetNanos(4));
        assertEquals(2_000_000_000, rate.plannedOffsetNanos(10));
        assertEquals(2_100_000_000, rate.plannedOffsetNanos(11));
        assertEquals(2_500_000_000L, rate.plannedOffsetNanos(15));
        // Gaps shrink during the ramp, then stay at 1/rate.
        long previousGap = Long.MAX_VALUE;
        for (int i = 1; i <= 10; i++) {
            long gap = rate.plannedOffsetNanos(i) - rate.plannedOffsetNanos(i - 1);
            assertTrue(gap < previousGap, "gap " + i);
            previousGap = gap;
        }
    }

    @Test
    void startsHappenAtPlannedTimesIndependentOfJobLength() {
        TestHarness harness = new TestHarness();
        ConcurrentHashMap<Integer, Long> startedAt = new ConcurrentHashMap<>();
        long[] origin = new long[1];
        for (int i = 0; i < 10; i++) {
            int index = i;
            harness.register("rate", Integer.toString(i), context -> {
                startedAt.put(index, System.nanoTime());
                Thread.sleep(300); // far longer than the 50ms spacing
            });
        }
        origin[0] = System.nanoTime();
        Results results = harness.run(ExecutionStrategy.arrivals(ArrivalRate.constant(20), 0), Duration.ZERO);
        assertEquals(10, results.totalPass());
        long first = startedAt.get(0);
        for (int i = 1; i < 10; i++) {
            long offsetMs = TimeUnit.NANOSECONDS.toMillis(startedAt.get(i) - first);
            assertTrue(Math.abs(offsetMs - 50L * i) < 150, "start " + i + " at +" + offsetMs + "ms");
        }
        LateStarts late = harness.lateStarts().orElseThrow();
        assertEquals(10, late.planned());
        assertEquals(10, late.started());
        // The whole phase is about 450ms of schedule plus 300ms of the last job, not 10 x 300ms.
        assertTrue(results.elapsed().compareTo(Duration.ofMillis(2500)) < 0, results.elapsed().toString());
    }

    @Test
    void startsHeldBackByTheBoundAreCountedLate() {
        TestHarness harness = new TestHarness();
        for (int i = 0; i < 6; i++) {
            harness.register("bound", Integer.toString(i), context -> Thread.sleep(200));
        }
        // 50/s plans a start every 20ms, but only one job may run: starts 1..5 wait ~200ms each.
        Results results = harness.run(ExecutionStrategy.arrivals(ArrivalRate.constant(50), 1), Duration.ZERO);
        assertEquals(6, results.totalPass());
        LateStarts late = harness.lateStarts().orElseThrow();
        assertEquals(6, late.started());
        // Starts 1..5 are held back by the bound; start 0 is on time unless the machine stalls.
        assertTrue(late.late() >= 5 && late.late() <= 6, late.describe());
        // The last start was planned at 100ms and can begin only after five 200ms jobs.
        assertTrue(late.maxLateness().compareTo(Duration.ofMillis(800)) >= 0, late.describe());
        assertEquals(Duration.ofMillis(10), late.tolerance());
    }

    @Test
    void noLateStartsReportWithoutARate() {
        TestHarness harness = new TestHarness();
        harness.register("plain", "0", context -> {});
        harness.run(ExecutionStrategy.linear(), Duration.ZERO);
        assertTrue(harness.lateStarts().isEmpty());
    }
}
