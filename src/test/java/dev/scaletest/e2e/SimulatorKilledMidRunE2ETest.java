package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.journal.JournalReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The deployment dies in the middle of {@code create-workspaces} (the simulator is killed while the
 * builds run): every run fails as a refused connection, the report says so, the journal keeps what
 * could not be deleted, and the tool exits 1, not 2 and not hanging.
 */
// Waits on builds and a killed process: it runs beside the other suites.
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = SharedMachine.CPU, mode = ResourceAccessMode.READ)
class SimulatorKilledMidRunE2ETest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aKilledDeploymentIsReportedAsConnectionRefusedAndExits1() throws Exception {
        Path report = dir.resolve("report.json");
        Path journal = dir.resolve("journal");
        Path stderr = dir.resolve("stderr.txt");
        Process scaletest;
        try (StandaloneSimulator simulator = StandaloneSimulator.start(dir.resolve("simulator.log"), "--build-time", "3s")) {
            ProcessBuilder command = PackagedJar.command("create-workspaces", "--template", "kubernetes", "--count", "2",
                    "--concurrency", "2", "--progress", "plain", "--journal-dir", journal.toString(), "--output", "json:" + report)
                    .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(stderr.toFile());
            command.environment().put("CODER_URL", simulator.url());
            command.environment().put("CODER_SESSION_TOKEN", simulator.adminToken());
            scaletest = command.start();
            try {
                Path lines = journal.resolve("journal.jsonl");
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!(Files.exists(lines) && Files.readString(lines).split("\"event\":\"created\",\"kind\":\"workspace\"", -1).length > 2)) {
                    assertTrue(scaletest.isAlive() && System.nanoTime() < until, "no two workspaces created:\n" + Files.readString(stderr));
                    Thread.sleep(20);
                }
                simulator.kill();
                assertTrue(scaletest.waitFor(90, TimeUnit.SECONDS), "still running 90s after the deployment died");
            } finally {
                scaletest.destroyForcibly();
            }
        }
        String err = Files.readString(stderr);
        assertEquals(1, scaletest.exitValue(), err);
        assertTrue(err.contains("connection refused"), err);
        JsonNode json = ScaletestProcess.json(report);
        assertEquals(2, json.get("total_fail").asInt(), json.toString());
        assertEquals("connect", json.at("/errors/0/class").asText(), json.get("errors").toString());
        assertEquals(2, json.at("/errors/0/count").asInt(), json.get("errors").toString());
        json.get("runs").forEach(r -> assertTrue(r.get("error").asText().contains("connection refused"), r.toString()));
        assertEquals(4, JournalReader.leftovers(journal).size(), "the journal keeps the two users and workspaces it could not delete");
    }
}
