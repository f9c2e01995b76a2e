package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.cli.CliEnvironment;
import dev.scaletest.cli.ProductionLauncher;
import dev.scaletest.cli.ScaletestCommand;
import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.coder.CoderHttpClients;
import dev.scaletest.coder.TlsTrust;
import dev.scaletest.scenarios.run.WorkspacePrecreation;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.simulator.ssh.SshOptions;
import dev.scaletest.simulator.terminal.TerminalOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2 s server stall in the middle of the traffic: echo round trips measured from the intended
 * send time (corrected) show it at p99, round trips from the actual send (uncorrected) hide it,
 * because during the stall only one tick per stream is in flight and the rest are sent late.
 * The stall clock starts with the simulator; 12 s leaves room for setup on a loaded machine and
 * 16 s of traffic keeps the stall inside it.
 */
class WorkspaceTrafficStallE2ETest {
    private static final Faults STALL = new Faults(Map.of(), 0, 0, Duration.ofSeconds(1), 0, false, 0, 0,
            Duration.ofSeconds(12), Duration.ofSeconds(2));

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void stallShowsInCorrectedButNotUncorrectedP99() throws Exception {
        Path report = dir.resolve("stall.json");
        String timings;
        try (Simulator simulator = Simulator.start(STALL, UnaryOperator.identity(), TerminalOptions.defaults(), SshOptions.defaults());
                CoderHttpClients http = CoderHttpClients.create(TlsTrust.VERIFY)) {
            long started = System.nanoTime();
            CoderClient admin = http.clientFor(new CoderEndpoint(simulator.url(), simulator.adminToken(), List.of(), false)).build();
            new WorkspacePrecreation(admin, admin.me(), Duration.ofSeconds(30)).create(simulator.templateName(), 5);
            long created = System.nanoTime() - started;

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = new ScaletestCommand(
                    new ProductionLauncher(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                    new CliEnvironment(Map.of(), Clock.systemUTC(), dir, false)).commandLine().execute(
                    "workspace-traffic", "--url", simulator.url().toString(), "--token", simulator.adminToken(),
                    "--timeout", "16s", "--concurrency", "0", "--progress", "none",
                    "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s",
                    "--journal-dir", dir.resolve("journal").toString(), "--output", "json:" + report);
            timings = "workspaces ready " + created / 1_000_000 + " ms, command ended " + (System.nanoTime() - started) / 1_000_000
                    + " ms after the simulator started";
            assertEquals(0, exit, "stderr:\n" + err.toString(StandardCharsets.UTF_8));
        }
        JsonNode operations = new ObjectMapper().readTree(Files.readString(report)).path("operations");
        double corrected = operations.path("traffic.echo_rtt").path("p99_ms").asDouble();
        double uncorrected = operations.path("traffic.echo_rtt.uncorrected").path("p99_ms").asDouble();
        assertTrue(corrected >= 1000, "corrected p99 should carry the 2 s stall (" + timings + "): " + operations);
        assertTrue(corrected > 3 * uncorrected, "corrected p99 " + corrected + " ms vs uncorrected " + uncorrected + " ms");
    }
}
