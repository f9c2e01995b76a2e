package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --warm-up}: the ticks due in the first second after the first tick are reported apart, in
 * their own operation rows and charts, and the headline operation holds only the steady ticks.
 * Every planned tick is in exactly one of the two.
 */
class WorkspaceTrafficWarmUpE2ETest {
    private static final int STREAMS = 3;
    private static final int SECONDS = 4;
    private static final int TICKS_PER_SECOND = 10;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void warmUpTicksAreReportedApartAndTheSteadyRowHoldsTheRest() throws Exception {
        Path json = dir.resolve("t.json");
        Path html = dir.resolve("t.html");
        ScaletestProcess scaletest = new ScaletestProcess(dir);
        int exit = scaletest.run("workspace-traffic", "--embedded", "--count", String.valueOf(STREAMS), "--timeout", SECONDS + "s",
                "--warm-up", "1s", "--progress", "none", "--scaletest-prometheus-address", "127.0.0.1:0",
                "--scaletest-prometheus-wait", "0s", "--journal-dir", dir.resolve("journal").toString(),
                "--output", "json:" + json, "--output", "html:" + html, "--output", "text");
        assertEquals(0, exit, scaletest.diagnostics());

        JsonNode operations = ScaletestProcess.json(json).path("operations");
        long warm = operations.path("traffic.echo_rtt.warmup").path("count").asLong();
        long steady = operations.path("traffic.echo_rtt").path("count").asLong();
        assertEquals((long) STREAMS * SECONDS * TICKS_PER_SECOND, warm + steady, "every tick echoed once, in one of the two: " + operations);
        // The streams start together behind the start gate; a late starter has fewer ticks due in the window.
        assertTrue(warm > STREAMS * (TICKS_PER_SECOND - 3) && warm <= STREAMS * TICKS_PER_SECOND, "a second of ticks per stream: " + warm);
        for (String op : new String[] {"traffic.echo_rtt.warmup.uncorrected", "traffic.send_lateness.warmup", "traffic.write_latency.warmup"}) {
            assertEquals(warm, operations.path(op).path("count").asLong(), op + ": " + operations.path(op));
        }
        // The text summary goes to stderr, after Coder's results on stdout.
        assertTrue(scaletest.err().lines().anyMatch(l -> l.trim().startsWith("traffic.echo_rtt.warmup ")), "its own row:\n" + scaletest.err());
        String page = Files.readString(html);
        assertTrue(page.contains("traffic.echo_rtt.warmup latency over time"), "its own chart");
    }
}
