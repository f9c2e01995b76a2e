package dev.scaletest.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OperationMetricsTest {

    @Test
    void concurrentRecordingGivesExactCountsAndPercentiles() throws Exception {
        OperationMetrics metrics = new OperationMetrics(new SimpleMeterRegistry(), Duration.ofMillis(20));
        LatencyRecorder rtt = metrics.latency("traffic.echo_rtt");
        EventCounter bytes = metrics.counter("traffic.bytes_written");
        metrics.start();
        int threads = 16;
        int perThread = 10_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 1; i <= perThread; i++) {
                    rtt.recordNanos(i * 1_000L); // i µs: a uniform 1..10000 µs distribution
                    bytes.add(3);
                    if (i % 2_000 == 0) {
                        Thread.yield();
                    }
                }
            }));
        }
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        metrics.stop();
        MetricsSnapshot snapshot = metrics.snapshot();
        Histogram total = snapshot.latencies().get("traffic.echo_rtt");
        assertEquals((long) threads * perThread, total.getTotalCount());
        assertEquals(5_000, total.getValueAtPercentile(50), 5_000 * 0.002);
        assertEquals(9_900, total.getValueAtPercentile(99), 9_900 * 0.002);
        assertEquals(10_000, total.getMaxValue(), 10_000 * 0.002);
        assertEquals((long) threads * perThread * 3, snapshot.counters().get("traffic.bytes_written"));
        assertIntervalsSumToTotals(snapshot);
    }

    /** The flake this replaced: builds that start and end between two samples left build.in_flight at 0. */
    @Test
    void aLevelShowsEachIntervalsPeakWhilePrometheusReadsTheCurrentLevel() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OperationMetrics metrics = new OperationMetrics(registry, Duration.ofHours(1));
        LevelGauge inFlight = metrics.level("build.in_flight");
        assertTrue(inFlight == metrics.level("build.in_flight"), "one gauge per name");

        inFlight.increment();
        inFlight.increment();
        inFlight.increment();
        inFlight.decrement();
        inFlight.decrement();
        inFlight.decrement();
        assertEquals(0.0, registry.get("scaletest.build.in_flight").gauge().value());
        assertEquals(3L, metrics.closeIntervalNow().gauges().get("build.in_flight"), "three at once, all gone by the sample");

        assertEquals(0L, metrics.closeIntervalNow().gauges().get("build.in_flight"), "an idle interval");
        inFlight.increment();
        assertEquals(1L, metrics.closeIntervalNow().gauges().get("build.in_flight"));
        assertEquals(1L, metrics.closeIntervalNow().gauges().get("build.in_flight"), "still running: the next interval starts at the level");
        assertEquals(1.0, registry.get("scaletest.build.in_flight").gauge().value());
    }

    /**
     * A thousand intervals, each with a seeded random burst of builds that start and end within it
     * (none left running at the sample): every interval reports the most that ran at once.
     */
    @Test
    void everyIntervalOfShortBuildsReportsItsPeak() {
        long seed = 17;
        Random random = new Random(seed);
        OperationMetrics metrics = new OperationMetrics(new SimpleMeterRegistry(), Duration.ofHours(1));
        LevelGauge inFlight = metrics.level("build.in_flight");
        int missed = 0;
        for (int interval = 0; interval < 1_000; interval++) {
            int running = 0;
            int peak = 0;
            int builds = random.nextInt(1, 20);
            for (int started = 0; started < builds || running > 0; ) {
                if (started < builds && (running == 0 || random.nextBoolean())) {
                    inFlight.increment();
                    started++;
                    peak = Math.max(peak, ++running);
                } else {
                    inFlight.decrement();
                    running--;
                }
            }
            long reported = metrics.closeIntervalNow().gauges().get("build.in_flight");
            if (reported != peak) {
                missed++;
            }
        }
        assertEquals(0, missed, "intervals whose peak was misreported (seed " + seed + ")");
    }

    @Test
    void intervalsHoldWhatHappenedWithinThemAndGaugesAreSampled() {
        OperationMetrics metrics = new OperationMetrics(new SimpleMeterRegistry(), Duration.ofHours(1));
        LatencyRecorder create = metrics.latency("user.create");
        EventCounter errors = metrics.counter("errors");
        AtomicLong active = new AtomicLong(7);
        metrics.gauge("traffic.streams_active", active::get);

        create.record(Duration.ofMillis(5));
        create.record(Duration.ofMillis(15));
        errors.increment();
        MetricsSnapshot.Interval first = metrics.closeIntervalNow();
        active.set(3);
        create.record(Duration.ofMillis(40));
        errors.add(4);
        MetricsSnapshot.Interval second = metrics.closeIntervalNow();

        assertEquals(2, first.latencies().get("user.create").getTotalCount());
        assertEquals(1, second.latencies().get("user.create").getTotalCount());
        assertEquals(40_000, second.latencies().get("user.create").getMaxValue(), 40);
        assertEquals(Map.of("errors", 1L), first.counters());
        assertEquals(Map.of("errors", 4L), second.counters());
        assertEquals(Map.of("traffic.streams_active", 7L), first.gauges());
        assertEquals(Map.of("traffic.streams_active", 3L), second.gauges());
        assertEquals(first.end(), second.start());
        assertEquals(second, metrics.latestInterval().orElseThrow());
        assertEquals(5, metrics.counterTotal("errors"));

        metrics.stop();
        MetricsSnapshot snapshot = metrics.snapshot();
        assertEquals(3, snapshot.intervals().size());
        assertEquals(3, snapshot.latencies().get("user.create").getTotalCount());
        assertEquals(5L, snapshot.counters().get("errors"));
        assertIntervalsSumToTotals(snapshot);
    }

    @Test
    void aLongRunKeepsABoundedSeriesThatStillSumsToTheTotals() {
        AtomicLong nowMillis = new AtomicLong(1_765_000_000_000L);
        InstantSource clock = () -> java.time.Instant.ofEpochMilli(nowMillis.get());
        OperationMetrics metrics = new OperationMetrics(new SimpleMeterRegistry(), Duration.ofSeconds(1), clock, 4);
        LatencyRecorder op = metrics.latency("traffic.echo_rtt");
        EventCounter bytes = metrics.counter("traffic.bytes_read");
        for (int second = 0; second < 10; second++) {
            op.record(Duration.ofMillis(second + 1));
            bytes.add(100);
            nowMillis.addAndGet(1000);
            metrics.closeIntervalNow();
        }
        MetricsSnapshot snapshot = metrics.snapshot();
        assertEquals(Duration.ofSeconds(4), metrics.resolution());
        assertEquals(Duration.ofSeconds(4), snapshot.resolution());
        assertEquals(3, snapshot.intervals().size());
        assertEquals(List.of(4L, 4L, 2L), snapshot.intervals().stream().map(i -> i.latencies().get("traffic.echo_rtt").getTotalCount()).toList());
        assertEquals(List.of(400L, 400L, 200L), snapshot.intervals().stream().map(i -> i.counters().get("traffic.bytes_read")).toList());
        assertIntervalsSumToTotals(snapshot);
    }

    @Test
    void samplerClosesIntervalsOnItsOwn() throws Exception {
        OperationMetrics metrics = new OperationMetrics(new SimpleMeterRegistry(), Duration.ofMillis(20));
        LatencyRecorder op = metrics.latency("op");
        metrics.start();
        op.recordNanos(1_000_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (metrics.latestInterval().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(metrics.latestInterval().isPresent());
        metrics.stop();
        assertEquals(1, metrics.snapshot().latencies().get("op").getTotalCount());
        assertTrue(metrics.snapshot().intervals().size() >= 2);
    }

    @Test
    void valuesOutsideTheRangeAreClamped() {
        OperationMetrics metrics = new OperationMetrics(new SimpleMeterRegistry(), Duration.ofHours(1));
        LatencyRecorder op = metrics.latency("build.run");
        op.record(Duration.ofHours(5));
        op.recordNanos(-10);
        op.record(Duration.ofSeconds(Long.MAX_VALUE));
        metrics.stop();
        Histogram total = metrics.snapshot().latencies().get("build.run");
        assertEquals(3, total.getTotalCount());
        assertEquals(0, total.getMinValue());
        assertTrue(total.getMaxValue() >= LatencyRecorder.HIGHEST_TRACKABLE_MICROS, Long.toString(total.getMaxValue()));
    }

    @Test
    void meterRegistrySeesCountersGaugesAndLatencies() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OperationMetrics metrics = new OperationMetrics(registry, Duration.ofHours(1));
        metrics.counter("traffic.bytes_read").add(42);
        metrics.gauge("traffic.streams_active", () -> 5);
        LatencyRecorder op = metrics.latency("workspace.build");
        op.record(Duration.ofMillis(10));
        op.record(Duration.ofMillis(30));

        assertEquals(42.0, registry.get("scaletest.traffic.bytes_read").functionCounter().count());
        assertEquals(5.0, registry.get("scaletest.traffic.streams_active").gauge().value());
        FunctionTimer timer = registry.get("scaletest.workspace.build").functionTimer();
        assertEquals(0.0, timer.count()); // nothing closed yet: meters show closed intervals only
        metrics.closeIntervalNow();
        assertEquals(2.0, timer.count());
        assertEquals(40.0, timer.totalTime(TimeUnit.MILLISECONDS), 0.1);
        Gauge p99 = registry.get("scaletest.workspace.build.interval").tag("quantile", "0.99").gauge();
        assertEquals(30.0, p99.value(), 0.1);
        FunctionCounter counter = registry.get("scaletest.traffic.bytes_read").functionCounter();
        metrics.counter("traffic.bytes_read").add(8);
        assertEquals(50.0, counter.count());
    }

    private static void assertIntervalsSumToTotals(MetricsSnapshot snapshot) {
        for (Map.Entry<String, Histogram> entry : snapshot.latencies().entrySet()) {
            Histogram sum = new Histogram(1, LatencyRecorder.HIGHEST_TRACKABLE_MICROS, 3);
            for (MetricsSnapshot.Interval interval : snapshot.intervals()) {
                Histogram h = interval.latencies().get(entry.getKey());
                if (h != null) {
                    sum.add(h);
                }
            }
            assertEquals(entry.getValue().getTotalCount(), sum.getTotalCount(), entry.getKey());
            assertEquals(entry.getValue().getValueAtPercentile(90), sum.getValueAtPercentile(90), entry.getKey());
        }
        for (Map.Entry<String, Long> entry : snapshot.counters().entrySet()) {
            long sum = snapshot.intervals().stream().mapToLong(i -> i.counters().getOrDefault(entry.getKey(), 0L)).sum();
            assertEquals(entry.getValue(), sum, entry.getKey());
        }
    }
}
