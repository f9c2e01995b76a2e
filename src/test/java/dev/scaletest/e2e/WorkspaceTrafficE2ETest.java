package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The must-work runs: {@code workspace-traffic --embedded --count 200} creates 200
 * workspaces in the built-in simulator and streams to each at 40 KB/s (4096 B every 100 ms); the
 * JSON report's bytes written and read are within 1% of 200 x 40 KB/s x the duration, and echo
 * round-trip percentiles are reported. The web terminal runs the full 30 s; SSH and app run 5 s
 * to keep the suite short (the README has 30 s figures for all three). No --concurrency: the
 * default starts every stream at once.
 */
class WorkspaceTrafficE2ETest {
    private static final int STREAMS = 200;
    private static final long BYTES_PER_SECOND = 40_960;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void webTerminalTrafficMovesThePlannedBytes() throws Exception {
        assertPlannedTraffic(run(30), 30);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void sshTrafficMovesThePlannedBytes() throws Exception {
        assertPlannedTraffic(run(5, "--ssh"), 5);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void appTrafficMovesThePlannedBytes() throws Exception {
        assertPlannedTraffic(run(5, "--app", "echo"), 5);
    }

    /**
     * A tick too short for its sequence marker is bad input found before anything starts: no
     * built-in simulator (it would print its address), no workspaces, no journal, no report.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void tooShortTickIsRefusedBeforeAnythingIsCreated() {
        Path report = dir.resolve("t.json");
        Path journal = dir.resolve("journal");
        ScaletestProcess scaletest = new ScaletestProcess(dir);
        int exit = scaletest.run("workspace-traffic", "--embedded", "--count", "3", "--bytes-per-tick", "5",
                "--timeout", "2s", "--scaletest-prometheus-address", "127.0.0.1:0", "--journal-dir", journal.toString(),
                "--output", "json:" + report);
        assertEquals(2, exit, scaletest.diagnostics());
        List<String> lines = scaletest.err().lines().toList();
        assertEquals(1, lines.size(), scaletest.diagnostics());
        assertTrue(lines.getFirst().startsWith("scaletest: --bytes-per-tick must be from 13 to 4096 through a terminal, got 5"), lines.getFirst());
        assertEquals("", scaletest.out());
        assertFalse(Files.exists(journal), "no journal: nothing was created");
        assertFalse(Files.exists(report), "no report: no run happened");
    }

    private JsonNode run(int seconds, String... mode) throws Exception {
        Path report = dir.resolve("t.json");
        List<String> args = new ArrayList<>(List.of("workspace-traffic", "--embedded", "--count", String.valueOf(STREAMS),
                "--timeout", seconds + "s", "--progress", "none",
                "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s",
                "--journal-dir", dir.resolve("journal").toString(),
                "--output", "json:" + report));
        args.addAll(List.of(mode));
        ScaletestProcess scaletest = new ScaletestProcess(dir);
        int exit = scaletest.run(args.toArray(String[]::new));
        assertEquals(0, exit, scaletest.diagnostics());
        return ScaletestProcess.json(report);
    }

    private static void assertPlannedTraffic(JsonNode json, int seconds) {
        long expected = STREAMS * BYTES_PER_SECOND * seconds;
        JsonNode traffic = json.path("traffic");
        assertEquals(STREAMS, traffic.path("streams").asInt(), traffic.toString());
        long written = traffic.path("bytes_written").asLong();
        long read = traffic.path("bytes_read").asLong();
        assertTrue(Math.abs(written - expected) <= expected / 100,
                "bytes written " + written + " not within 1% of " + expected + ": " + traffic);
        assertTrue(Math.abs(read - expected) <= expected / 100,
                "bytes read " + read + " not within 1% of " + expected + ": " + traffic);
        assertTrue(traffic.path("delivery_ratio").asDouble() >= 0.99, "delivery: " + traffic);
        JsonNode rtt = json.path("operations").path("traffic.echo_rtt");
        assertTrue(rtt.path("count").asLong() >= STREAMS * 10L * seconds * 99 / 100, "echo round trips: " + rtt);
        for (String percentile : new String[] {"p50_ms", "p95_ms", "p99_ms"}) {
            assertTrue(rtt.path(percentile).isNumber() && rtt.path(percentile).asDouble() > 0, percentile + " missing: " + rtt);
        }
        assertTrue(json.path("operations").path("traffic.echo_rtt.uncorrected").path("p99_ms").isNumber(), json.path("operations").toString());
    }
}
