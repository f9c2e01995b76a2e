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
 * The journal's disk is full ({@code journal.jsonl} is {@code /dev/full}, which takes no byte: tests
 * run as root, so a read-only path would not fail). The journal records each name before the call
 * that creates it, so nothing is created: every run fails naming the journal's file and the cause,
 * and the tool exits 1.
 */
class JournalDiskFullE2ETest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFullJournalDiskFailsEveryRunByNameAndCreatesNothing() throws Exception {
        Path journal = Files.createDirectories(dir.resolve("journal"));
        Path file = journal.resolve("journal.jsonl");
        Files.createSymbolicLink(file, Path.of("/dev/full"));
        Path report = dir.resolve("report.json");
        ScaletestProcess scaletest = new ScaletestProcess(dir);
        int exit = scaletest.run("create-workspaces", "--embedded", "--count", "2", "--progress", "plain",
                "--journal-dir", journal.toString(), "--output", "json:" + report);
        String err = scaletest.err();
        assertEquals(1, exit, scaletest.diagnostics());
        assertTrue(err.contains("Built-in simulator at exit: 0 scaletest users, 0 workspaces"), err);
        JsonNode json = ScaletestProcess.json(report);
        assertEquals(2, json.get("total_fail").asInt());
        json.get("runs").forEach(r -> assertTrue(r.get("error").asText().startsWith("journal " + file + ": ")
                && r.get("error").asText().contains("No space left on device"), r.get("error").asText()));
    }
}
