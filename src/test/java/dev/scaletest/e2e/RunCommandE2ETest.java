package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.simulator.AccessRules;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.simulator.ratelimit.RateLimits;
import dev.scaletest.simulator.ssh.SshOptions;
import dev.scaletest.simulator.state.DeploymentCounts;
import dev.scaletest.simulator.terminal.TerminalOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scaletest run} end to end: create, traffic through what came up in a mix of web terminal,
 * SSH and app streams, cleanup, one report and one verdict. Against a deployment that keeps site
 * owners out of workspaces, where some builds fail, the failed creates count against the verdict and
 * traffic goes ahead as each owner through the rest. Ctrl-C during traffic still cleans up and exits 130;
 * a second Ctrl-C skips the cleanup, and {@code cleanup --journal} removes what is left.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class RunCommandE2ETest {
    @BeforeAll
    static void ctrlCReachesTheTool() throws Exception {
        InheritedSignals.requireSigintNotIgnored();
    }

    private static final long BYTES_PER_SECOND = 40_960;

    @TempDir
    Path dir;

    @Test
    void embeddedRunCreatesDrivesAMixOfStreamsAndCleansUpWithOneReport() throws Exception {
        int workspaces = 6;
        int seconds = 3;
        Path json = dir.resolve("run.json");
        Path html = dir.resolve("run.html");
        ScaletestProcess run = new ScaletestProcess(dir.resolve("home"));
        int code = run.run("run", "--embedded", "--count", String.valueOf(workspaces), "--concurrency", "0",
                "--traffic-duration", seconds + "s", "--warm-up", "1s", "--traffic-mix", "terminal=2,ssh=1,app=1", "--app", "echo",
                "--threshold", "delivery>99%", "--progress", "none", "--journal-dir", dir.resolve("journal").toString(),
                "--output", "json:" + json, "--output", "html:" + html, "--output", "text");
        assertEquals(0, code, run.diagnostics());
        assertTrue(run.err().contains("Sending traffic through 6 workspaces for 3s (terminal 3, ssh 2, app 1)"), run.diagnostics());
        assertTrue(run.err().contains("Built-in simulator at exit: 0 scaletest users, 0 workspaces"), run.diagnostics());

        JsonNode report = ScaletestProcess.json(json);
        assertEquals(2 * workspaces, report.get("total_runs").asInt(), "one create and one traffic run per workspace");
        assertEquals(2 * workspaces, report.get("total_pass").asInt());
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < workspaces; i++) {
            expected.add("workspacebuild/" + i);
            expected.add("workspace-traffic/" + i);
        }
        assertEquals(expected, ShardedCommandsE2ETest.runIds(report), "each stream is numbered as the create run of its workspace");
        assertEquals(workspaces, report.at("/operations/workspace.create/count").asInt(), "the create phase's histograms");
        assertTrue(report.at("/operations/traffic.echo_rtt/count").asLong() > 0, "the traffic phase's histograms");
        assertTrue(report.at("/operations/traffic.echo_rtt.warmup/count").asLong() > 0, "--warm-up's ticks, apart");
        JsonNode traffic = report.get("traffic");
        long planned = workspaces * BYTES_PER_SECOND * seconds;
        assertEquals(workspaces, traffic.get("streams").asInt(), traffic.toString());
        assertEquals(planned, traffic.get("target_bytes").asLong(), traffic.toString());
        assertTrue(traffic.get("bytes_read").asLong() >= planned * 99 / 100, traffic.toString());
        assertEquals("pass", report.get("verdict").asText());
        assertEquals(1, report.get("thresholds").size(), "the thresholds judged once, over the whole run");
        String page = Files.readString(html);
        assertTrue(page.contains("workspace.create") && page.contains("traffic.echo_rtt") && page.contains("data-chart=\"throughput-bytes\""),
                "the HTML report shows both phases");
        assertTrue(page.contains("<section id=\"phases\">"), "the HTML report has a table of the phases");
        assertTrue(run.err().contains("Phases:\n\tworkspacebuild         6 runs, 6 passed, 0 failed\n"
                + "\tworkspace-traffic      6 runs, 6 passed, 0 failed\n"), "the summary counts each phase:\n" + run.err());
        assertTrue(run.out().contains("Test results:") && run.out().contains("Total: 12"), run.out());
    }

    @Test
    void failedCreatesCountAgainstTheVerdictAndTrafficGoesAsEachOwnerThroughTheRest() throws Exception {
        // Half the builds fail; 16 workspaces make "none failed" or "all failed" a 1 in 32768 chance.
        int workspaces = 16;
        try (Simulator simulator = Simulator.start(
                new Faults(Map.of(), 0, 0, Duration.ofSeconds(1), 0.5, false, 0, 0, Duration.ZERO, Duration.ZERO),
                options -> options.withAccessRules(AccessRules.open().withOwnerWorkspaceAccessDisabled(true)
                        .withRateLimits(RateLimits.perMinute(100_000, 0))),
                TerminalOptions.defaults(), SshOptions.defaults())) {
            Path json = dir.resolve("run.json");
            ScaletestProcess run = new ScaletestProcess(dir.resolve("home"));
            // The faults end once traffic starts: the cleanup's delete builds must not fail, or workspaces would stay.
            Thread healer = Thread.ofVirtual().start(() -> healOnceTrafficStarts(simulator, run));
            int code = run.run("run", "--url", simulator.url().toString(), "--token", simulator.adminToken(), "--template",
                    "kubernetes", "--count", String.valueOf(workspaces), "--concurrency", "0", "--traffic-duration", "2s",
                    "--traffic-mix", "terminal=1,app=1", "--app", "echo", "--progress", "none",
                    "--journal-dir", dir.resolve("journal").toString(), "--output", "json:" + json);
            healer.interrupt();
            healer.join();
            assertEquals(1, code, "a failed create fails the run:\n" + run.diagnostics());

            JsonNode report = ScaletestProcess.json(json);
            int created = 0;
            int streams = 0;
            for (var entries = report.get("runs").fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                boolean passed = "<nil>".equals(entry.getValue().path("error").asText());
                if (entry.getKey().startsWith("workspacebuild/") && passed) {
                    created++;
                }
                if (entry.getKey().startsWith("workspace-traffic/")) {
                    assertTrue(passed, entry.getKey() + " failed: " + entry.getValue());
                    streams++;
                }
            }
            assertTrue(created > 0 && created < workspaces, "some builds failed and some came up: " + created);
            assertEquals(created, streams, "traffic went ahead through every workspace that came up");
            assertEquals(workspaces - created, report.get("total_fail").asInt());
            assertEquals("fail", report.get("verdict").asText());

            JsonNode stats = simStats(simulator);
            assertEquals(0, stats.path("non_owner_bypass_headers").asLong(), "user-side calls never send the bypass header: " + stats);
            assertEquals(0, stats.path("owner_access_refused").asLong(), "traffic went as each owner: " + stats);
            DeploymentCounts left = simulator.api().deployment().counts();
            assertEquals(0, left.workspacesAlive(), "the cleanup ran after the failed creates");
            assertEquals(0, left.scaletestUsers());
        }
    }

    @Test
    void ctrlCDuringTrafficStillCleansUpAndExits130() throws Exception {
        Path json = dir.resolve("run.json");
        Path stderr = dir.resolve("stderr.txt");
        // Traffic would last far beyond the test: only the interrupt ends it in time.
        Process scaletest = PackagedJar.command("run", "--embedded", "--count", "4", "--concurrency", "0",
                        "--traffic-duration", "10m", "--progress", "plain", "--output", "json:" + json,
                        "--journal-dir", dir.resolve("journal").toString())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(stderr.toFile()).start();
        try {
            awaitLine(stderr, "workspace-traffic: 4 streams", scaletest);
            assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(scaletest.pid())).inheritIO().start().waitFor());

            assertTrue(scaletest.waitFor(60, TimeUnit.SECONDS), "still running after Ctrl-C:\n" + Files.readString(stderr));
            String err = Files.readString(stderr, StandardCharsets.UTF_8);
            assertEquals(130, scaletest.exitValue(), err);
            assertTrue(err.contains("Interrupted"), err);
            assertTrue(err.contains("Cleaning up..."), err);
            assertTrue(err.contains("Built-in simulator at exit: 0 scaletest users, 0 workspaces"), "nothing left:\n" + err);
            JsonNode report = ScaletestProcess.json(json);
            assertEquals(8, report.get("total_runs").asInt(), "the report of both phases is written: " + report.get("runs"));
            assertTrue(report.at("/traffic/bytes_written").asLong() > 0, report.get("traffic").toString());
        } finally {
            scaletest.destroyForcibly();
        }
    }

    private static void healOnceTrafficStarts(Simulator simulator, ScaletestProcess run) {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try {
            while (!run.err().contains("Sending traffic through") && System.nanoTime() < until) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        simulator.api().faults(Faults.none());
    }

    @Test
    void aSecondCtrlCSkipsTheCleanupAndTheJournalRemovesWhatIsLeft() throws Exception {
        // Delete builds of 4s hold the cleanup long enough for the second Ctrl-C to land in it.
        try (StandaloneSimulator simulator = StandaloneSimulator.start(dir.resolve("simulator.log"),
                "--build-time", "4s..4s", "--agent-connect-time", "20ms..60ms")) {
            Path journal = dir.resolve("journal");
            Path stderr = dir.resolve("stderr.txt");
            Process scaletest = PackagedJar.command("run", "--url", simulator.url(), "--token", simulator.adminToken(),
                            "--template", "kubernetes", "--count", "2", "--concurrency", "0", "--traffic-duration", "10m",
                            "--progress", "plain", "--journal-dir", journal.toString(), "--output", "json:" + dir.resolve("run.json"))
                    .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(stderr.toFile()).start();
            try {
                awaitLine(stderr, "workspace-traffic: 2 streams", scaletest);
                assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(scaletest.pid())).inheritIO().start().waitFor());
                awaitLine(stderr, "Cleaning up...", scaletest);
                assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(scaletest.pid())).inheritIO().start().waitFor());

                assertTrue(scaletest.waitFor(60, TimeUnit.SECONDS), "still running after two Ctrl-C:\n" + Files.readString(stderr));
                String err = Files.readString(stderr, StandardCharsets.UTF_8);
                assertEquals(130, scaletest.exitValue(), err);
                assertTrue(err.contains("Cleanup skipped; remove what this run created with: scaletest cleanup --journal " + journal), err);
            } finally {
                scaletest.destroyForcibly();
            }
            assertTrue(simulator.stats().path("scaletest_users").asInt() > 0, "the skipped cleanup left the users: " + simulator.stats());

            ScaletestProcess cleanup = new ScaletestProcess(dir.resolve("home"));
            assertEquals(0, cleanup.run("cleanup", "--url", simulator.url(), "--token", simulator.adminToken(), "--journal",
                    journal.toString(), "--cleanup-concurrency", "0"), cleanup.diagnostics());
            JsonNode stats = simulator.stats();
            assertEquals(0, stats.path("scaletest_users").asInt(), "nothing left: " + stats);
            assertEquals(0, stats.path("workspaces_alive").asInt(), "nothing left: " + stats);
        }
    }

    private static JsonNode simStats(Simulator simulator) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> stats = http.send(HttpRequest.newBuilder(simulator.url().resolve("/sim/stats")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(stats.body());
        }
    }

    private static void awaitLine(Path file, String text, Process process) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < until) {
            if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("exited " + process.exitValue() + " before \"" + text + "\":\n" + Files.readString(file));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no \"" + text + "\" on stderr:\n" + Files.readString(file));
    }
}
