package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.cli.CliEnvironment;
import dev.scaletest.cli.ProductionLauncher;
import dev.scaletest.cli.ScaletestCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code workspace-traffic --embedded} end to end: the command creates 20 workspaces in the
 * built-in simulator, streams to each for 5 s and writes a JSON report whose byte counts match
 * the plan (20 streams x 4096 B x 10 ticks/s x 5 s).
 */
class WorkspaceTrafficE2ETest {
    private static final int STREAMS = 20;
    private static final long EXPECTED_BYTES = STREAMS * 40_960L * 5;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void webTerminalTrafficMovesThePlannedBytes() throws Exception {
        assertPlannedTraffic(run());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sshTrafficMovesThePlannedBytes() throws Exception {
        assertPlannedTraffic(run("--ssh"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void appTrafficMovesThePlannedBytes() throws Exception {
        assertPlannedTraffic(run("--app", "echo"));
    }

    private JsonNode run(String... mode) throws Exception {
        Path report = dir.resolve("t.json");
        List<String> args = new ArrayList<>(List.of("workspace-traffic", "--embedded", "--count", String.valueOf(STREAMS),
                "--timeout", "5s", "--concurrency", "0", "--progress", "none",
                "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s",
                "--journal-dir", dir.resolve("journal").toString(),
                "--output", "json:" + report));
        args.addAll(List.of(mode));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter cliErr = new StringWriter();
        CliEnvironment env = new CliEnvironment(Map.of(), Clock.systemUTC(), dir, false);
        CommandLine cli = new ScaletestCommand(
                new ProductionLauncher(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                env).commandLine();
        cli.setErr(new PrintWriter(cliErr, true));
        int exit = cli.execute(args.toArray(String[]::new));
        String diagnostics = "stdout:\n" + out.toString(StandardCharsets.UTF_8) + "\nstderr:\n" + err.toString(StandardCharsets.UTF_8) + cliErr;
        assertEquals(0, exit, diagnostics);
        return new ObjectMapper().readTree(Files.readString(report));
    }

    private static void assertPlannedTraffic(JsonNode json) {
        JsonNode traffic = json.path("traffic");
        long written = traffic.path("bytes_written").asLong();
        assertTrue(Math.abs(written - EXPECTED_BYTES) <= EXPECTED_BYTES / 100,
                "bytes written " + written + " not within 1% of " + EXPECTED_BYTES + ": " + traffic);
        assertEquals(STREAMS, traffic.path("streams").asInt(), traffic.toString());
        assertTrue(traffic.path("delivery_ratio").asDouble() >= 0.99, "delivery: " + traffic);
        assertTrue(json.path("operations").path("traffic.echo_rtt").path("count").asLong() > 0,
                "echo round trips: " + json.path("operations"));
    }
}
