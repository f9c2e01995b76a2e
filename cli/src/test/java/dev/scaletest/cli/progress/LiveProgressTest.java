package dev.scaletest.cli.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.scenarios.run.TrafficSample;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stderr = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void plainPhaseLinesShowDoneFailedRateAndEta() {
        AtomicReference<PhaseCounts> counts = new AtomicReference<>(new PhaseCounts(1000, 0, 0));
        try (LiveProgress progress = new LiveProgress(new PlainView(stderr), Duration.ofSeconds(5), nanos::get)) {
            LiveProgress.Feed feed = progress.phase("create-workspaces", counts::get);
            progress.tick();
            advance(Duration.ofMillis(3420));
            counts.set(new PhaseCounts(1000, 120, 2));
            progress.tick();
            advance(Duration.ofMillis(24_600));
            counts.set(new PhaseCounts(1000, 1000, 2));
            feed.close();
            progress.tick();
        }
        assertEquals(List.of(
                "create-workspaces: 0/1000 done, 0 failed, 0.0/s, ETA -",
                "create-workspaces: 120/1000 done, 2 failed, 35.1/s, ETA 25s",
                "create-workspaces: 1000/1000 done, 2 failed, 35.7/s, took 28s"), lines());
    }

    @Test
    void jsonPhaseLinesAreOneObjectEach() throws Exception {
        AtomicReference<PhaseCounts> counts = new AtomicReference<>(new PhaseCounts(10, 4, 1));
        try (LiveProgress progress = new LiveProgress(new JsonView(stderr), Duration.ofSeconds(5), nanos::get)) {
            progress.phase("cleanup", counts::get);
            advance(Duration.ofSeconds(2));
            progress.tick();
            advance(Duration.ofSeconds(3));
            counts.set(new PhaseCounts(10, 10, 1));
        }
        List<String> lines = lines();
        assertEquals(2, lines.size(), String.join("\n", lines));
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertEquals("phase", first.get("type").asText());
        assertEquals("cleanup", first.get("phase").asText());
        assertEquals(10, first.get("total").asLong());
        assertEquals(4, first.get("done").asLong());
        assertEquals(1, first.get("failed").asLong());
        assertEquals(2.0, first.get("per_second").asDouble());
        assertEquals(3, first.get("eta_seconds").asLong());
        assertFalse(first.get("finished").asBoolean());
        JsonNode last = json.readTree(lines.get(1));
        assertEquals(10, last.get("done").asLong());
        assertEquals(5.0, last.get("elapsed_seconds").asDouble());
        assertTrue(last.get("finished").asBoolean());
    }

    @Test
    void trafficLinesShowStreamsRateDeliveryLatencyErrors() {
        AtomicReference<TrafficSample> sample = new AtomicReference<>(TrafficSample.EMPTY);
        try (LiveProgress progress = new LiveProgress(new PlainView(stderr), Duration.ofSeconds(5), nanos::get)) {
            LiveProgress.Feed feed = progress.traffic("workspace-traffic", sample::get);
            progress.tick();
            advance(Duration.ofSeconds(5));
            sample.set(new TrafficSample(200, 41_000_000, 40_918_000, Duration.ofNanos(12_345_678), 0));
            progress.tick();
            advance(Duration.ofSeconds(5));
            sample.set(new TrafficSample(199, 82_000_000, 81_836_000, Duration.ofNanos(850_400), 3));
            feed.close();
        }
        assertEquals(List.of(
                "workspace-traffic: 0 streams, 0 B/s, delivery -, p95 echo 0s, 0 errors",
                "workspace-traffic: 200 streams, 8.2 MB/s, delivery 99.8%, p95 echo 12.3ms, 0 errors",
                "workspace-traffic: 200 streams, 8.2 MB/s, delivery 99.8%, p95 echo 850µs, 3 errors, took 10s"), lines());
    }

    @Test
    void rampUpAndWindDownDoNotDiluteRateOrDelivery() {
        AtomicReference<TrafficSample> sample = new AtomicReference<>(TrafficSample.EMPTY);
        try (LiveProgress progress = new LiveProgress(new PlainView(stderr), Duration.ofSeconds(5), nanos::get)) {
            LiveProgress.Feed feed = progress.traffic("workspace-traffic", sample::get);
            // Streams spent half the first interval connecting: half the planned bytes came back.
            advance(Duration.ofSeconds(5));
            sample.set(new TrafficSample(100, 10_000_000, 5_000_000, Duration.ofMillis(2), 0));
            progress.tick();
            advance(Duration.ofSeconds(5));
            sample.set(new TrafficSample(100, 20_000_000, 14_990_000, Duration.ofMillis(2), 0));
            progress.tick();
            // All streams closed a second into the last interval.
            advance(Duration.ofSeconds(5));
            sample.set(new TrafficSample(0, 22_000_000, 16_990_000, Duration.ofMillis(2), 0));
            feed.close();
        }
        assertEquals(List.of(
                "workspace-traffic: 100 streams, 1.0 MB/s, delivery 50.0%, p95 echo 2ms, 0 errors",
                "workspace-traffic: 100 streams, 2.0 MB/s, delivery 99.9%, p95 echo 2ms, 0 errors",
                "workspace-traffic: 100 streams, 2.0 MB/s, delivery 99.9%, p95 echo 2ms, 0 errors, took 15s"), lines());
    }

    @Test
    void jsonTrafficLine() throws Exception {
        try (LiveProgress progress = new LiveProgress(new JsonView(stderr), Duration.ofSeconds(5), nanos::get)) {
            progress.traffic("workspace-traffic", () -> new TrafficSample(2, 1000, 500, Duration.ofMillis(7), 1));
            advance(Duration.ofSeconds(1));
            progress.tick();
        }
        JsonNode line = new ObjectMapper().readTree(lines().getFirst());
        assertEquals("traffic", line.get("type").asText());
        assertEquals(2, line.get("streams").asInt());
        assertEquals(500.0, line.get("bytes_per_second").asDouble());
        assertEquals(50.0, line.get("delivery_percent").asDouble());
        assertEquals(7.0, line.get("p95_echo_rtt_ms").asDouble());
        assertEquals(1, line.get("errors").asInt());
    }

    @Test
    void noneModeIsSilent() {
        try (LiveProgress progress = LiveProgress.forMode(ProgressMode.NONE, stderr, true)) {
            progress.phase("cleanup", () -> new PhaseCounts(1, 1, 0));
            progress.tick();
        }
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void autoModeOffATerminalPrintsPlainLines() {
        try (LiveProgress progress = LiveProgress.forMode(ProgressMode.AUTO, stderr, false)) {
            progress.phase("cleanup", () -> new PhaseCounts(3, 3, 0));
        }
        assertTrue(lines().getFirst().startsWith("cleanup: 3/3 done, 0 failed, "), lines().toString());
    }

    @Test
    void barViewDrawsTheTaskName() {
        try (LiveProgress progress = new LiveProgress(new BarView(stderr), Duration.ofSeconds(1), nanos::get)) {
            progress.phase("create-workspaces", () -> new PhaseCounts(10, 5, 1));
            advance(Duration.ofSeconds(1));
            progress.tick();
        }
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("create-workspaces"), drawn);
        assertTrue(drawn.contains("1 failed"), drawn);
        assertTrue(drawn.contains("5/10"), drawn);
        assertTrue(drawn.contains("/s"), "the rate: " + drawn);
    }

    @Test
    void threadTicksAndStopsOnClose() throws Exception {
        CountDownLatch sampled = new CountDownLatch(2);
        LiveProgress progress = new LiveProgress(new SilentView(), Duration.ofMillis(10), System::nanoTime).start();
        progress.phase("p", () -> {
            sampled.countDown();
            return new PhaseCounts(1, 0, 0);
        });
        assertTrue(sampled.await(10, TimeUnit.SECONDS), "the progress thread never sampled");
        progress.close();
        assertTrue(waitForNoProgressThread(), "progress thread still running after close");
        assertThrows(IllegalStateException.class, () -> progress.phase("late", () -> new PhaseCounts(0, 0, 0)));
    }

    private static boolean waitForNoProgressThread() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            boolean alive = Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals("scaletest-progress") && t.isAlive());
            if (!alive) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    @Test
    void inconsistentCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PhaseCounts(10, 2, 3));
    }
}
