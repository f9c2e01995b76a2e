package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on the packaged tool in the middle of workspace-traffic: the streams end, the results of
 * every stream are written, and the exit code is 130, as the README's exit code table says.
 */
class WorkspaceTrafficInterruptE2ETest {
    @BeforeAll
    static void ctrlCReachesTheTool() throws Exception {
        InheritedSignals.requireSigintNotIgnored();
    }

    private static final int STREAMS = 4;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void sigintMidRunWritesTheResultsAndExits130() throws Exception {
        Path json = dir.resolve("traffic.json");
        Path stderr = dir.resolve("stderr.txt");
        Path stdout = dir.resolve("stdout.txt");
        // --timeout is far beyond the test: only the interrupt can end this run in time. The long
        // scrape wait would hold an interrupted run for another minute if it were not skipped.
        Process scaletest = PackagedJar.command("workspace-traffic", "--embedded", "--count", String.valueOf(STREAMS),
                        "--timeout", "10m", "--progress", "plain", "--scaletest-prometheus-address", "127.0.0.1:0",
                        "--scaletest-prometheus-wait", "1m", "--output", "text", "--output", "json:" + json,
                        "--journal-dir", dir.resolve("journal").toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            awaitLine(stderr, "workspace-traffic: " + STREAMS + " streams", scaletest);
            assertFalse(Files.exists(json), "no results before the interrupt");

            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(scaletest.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -INT");

            assertTrue(scaletest.waitFor(60, TimeUnit.SECONDS), "still running after Ctrl-C:\n" + Files.readString(stderr));
            String err = Files.readString(stderr, StandardCharsets.UTF_8);
            assertEquals(130, scaletest.exitValue(), err);
            assertTrue(err.contains("Interrupted"), err);
            assertFalse(err.contains("Waiting 1m0s for prometheus metrics to be scraped"), "no scrape wait after Ctrl-C:\n" + err);

            JsonNode report = ScaletestProcess.json(json);
            assertEquals(STREAMS, report.get("total_runs").asInt(), report.toString());
            List<String> runs = new ArrayList<>();
            report.get("runs").fieldNames().forEachRemaining(runs::add);
            assertEquals(STREAMS, runs.size(), runs.toString());
            for (int i = 0; i < STREAMS; i++) {
                assertTrue(runs.contains("workspace-traffic/" + i), runs.toString());
            }
            assertTrue(report.at("/traffic/bytes_written").asLong() > 0, "the streams had been sending: " + report.get("traffic"));
            assertTrue(Files.readString(stdout).contains("Test results:"), "the text results on stdout too");
        } finally {
            scaletest.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void sigintDuringTheScrapeWaitEndsItWithTheResultsAlreadyWritten() throws Exception {
        Path json = dir.resolve("traffic.json");
        Path stderr = dir.resolve("stderr.txt");
        Process scaletest = PackagedJar.command("workspace-traffic", "--embedded", "--count", "2", "--timeout", "2s",
                        "--progress", "none", "--scaletest-prometheus-address", "127.0.0.1:0",
                        "--scaletest-prometheus-wait", "10m", "--output", "json:" + json,
                        "--journal-dir", dir.resolve("journal").toString())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(stderr.toFile()).start();
        try {
            awaitLine(stderr, "Waiting 10m0s for prometheus metrics to be scraped", scaletest);
            assertEquals(2, ScaletestProcess.json(json).get("total_pass").asInt(), "written before the wait");

            assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(scaletest.pid())).inheritIO().start().waitFor());

            assertTrue(scaletest.waitFor(60, TimeUnit.SECONDS), "the 10m wait went on after Ctrl-C:\n" + Files.readString(stderr));
            assertEquals(130, scaletest.exitValue(), Files.readString(stderr));
        } finally {
            scaletest.destroyForcibly();
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
