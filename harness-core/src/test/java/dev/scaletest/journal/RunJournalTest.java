package dev.scaletest.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunJournalTest {
    @TempDir
    Path dir;

    @Test
    void reconstructsWhatIsLeft() throws IOException {
        try (RunJournal journal = RunJournal.open(dir)) {
            journal.userIntent("workspacebuild/0", "scaletest-aaaaaaaa-0", "aaaaaaaa-0@scaletest.local");
            journal.created(ResourceKind.USER, "scaletest-aaaaaaaa-0", "u-0", "workspacebuild/0");
            journal.workspaceIntent("workspacebuild/0", "scaletest-wwwwwwww-0", "scaletest-aaaaaaaa-0");
            journal.created(ResourceKind.WORKSPACE, "scaletest-wwwwwwww-0", "w-0", "workspacebuild/0");
            // Run 1: user created and deleted again; workspace intent only (killed mid-create).
            journal.userIntent("workspacebuild/1", "scaletest-bbbbbbbb-1", "bbbbbbbb-1@scaletest.local");
            journal.created(ResourceKind.USER, "scaletest-bbbbbbbb-1", "u-1", "workspacebuild/1");
            journal.workspaceIntent("workspacebuild/1", "scaletest-xxxxxxxx-1", "scaletest-bbbbbbbb-1");
            journal.deleted(ResourceKind.USER, null, "u-1", "workspacebuild/1");
            // Run 0's workspace deleted, its user not.
            journal.deleted(ResourceKind.WORKSPACE, "scaletest-wwwwwwww-0", "w-0", "workspacebuild/0");
        }
        List<LeftoverResource> left = JournalReader.leftovers(dir);
        assertEquals(List.of(
                new LeftoverResource(ResourceKind.USER, "scaletest-aaaaaaaa-0", Optional.of("u-0"),
                        "aaaaaaaa-0@scaletest.local", null, "workspacebuild/0"),
                new LeftoverResource(ResourceKind.WORKSPACE, "scaletest-xxxxxxxx-1", Optional.empty(),
                        null, "scaletest-bbbbbbbb-1", "workspacebuild/1")),
                left);
    }

    /**
     * Ctrl-C interrupts the run threads while they may be appending: the interrupted append still
     * reaches the file, the thread keeps its interrupt, and the journal stays open for the cleanup
     * that follows (an interruptible channel would have closed itself for every thread).
     */
    @Test
    void anInterruptedThreadsAppendLandsAndTheJournalStaysOpen() throws Exception {
        try (RunJournal journal = RunJournal.open(dir)) {
            Thread.currentThread().interrupt();
            try {
                journal.userIntent("workspacebuild/0", "scaletest-aaaaaaaa-0", "aaaaaaaa-0@scaletest.local");
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is the caller's to handle");
            } finally {
                Thread.interrupted();
            }
            Thread other = Thread.ofVirtual().start(() -> {
                try {
                    journal.created(ResourceKind.USER, "scaletest-aaaaaaaa-0", "u-0", "workspacebuild/0");
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            other.join();
            journal.deleted(ResourceKind.USER, null, "u-0", "workspacebuild/0");
        }
        List<String> lines = Files.readAllLines(dir.resolve(RunJournal.FILE_NAME));
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(JournalReader.leftovers(dir).isEmpty(), lines.toString());
    }

    @Test
    void apiKeysOfOneRunShareANameAndAreToldApartByOwner() throws IOException {
        try (RunJournal journal = RunJournal.open(dir)) {
            journal.apiKeyIntent("workspace-traffic", "scaletest-20261122T041500Z-k3x9qa", "scaletest-a");
            journal.apiKeyCreated("workspace-traffic", "scaletest-20261122T041500Z-k3x9qa", "scaletest-a", "abcdefghij");
            journal.apiKeyIntent("workspace-traffic", "scaletest-20261122T041500Z-k3x9qa", "scaletest-b");
            journal.apiKeyCreated("workspace-traffic", "scaletest-20261122T041500Z-k3x9qa", "scaletest-b", "klmnopqrst");
            journal.apiKeyIntent("workspace-traffic", "scaletest-20261122T041500Z-k3x9qa", "scaletest-c");
            journal.apiKeyDeleted("workspace-traffic", "scaletest-20261122T041500Z-k3x9qa", "scaletest-a", "abcdefghij");
        }
        assertEquals(List.of(
                new LeftoverResource(ResourceKind.API_KEY, "scaletest-20261122T041500Z-k3x9qa", Optional.of("klmnopqrst"),
                        null, "scaletest-b", "workspace-traffic"),
                new LeftoverResource(ResourceKind.API_KEY, "scaletest-20261122T041500Z-k3x9qa", Optional.empty(),
                        null, "scaletest-c", "workspace-traffic")),
                JournalReader.leftovers(dir));
        String lines = Files.readString(dir.resolve(RunJournal.FILE_NAME), StandardCharsets.UTF_8);
        assertTrue(lines.contains("\"kind\":\"api_key\",\"name\":\"scaletest-20261122T041500Z-k3x9qa\",\"owner\":\"scaletest-b\",\"id\":\"klmnopqrst\""),
                lines);
    }

    @Test
    void entriesAreOnDiskBeforeTheJournalIsClosed() throws IOException {
        try (RunJournal journal = RunJournal.open(dir)) {
            journal.userIntent("workspacebuild/3", "scaletest-cccccccc-3", "cccccccc-3@scaletest.local");
            // A second reader, as a cleanup started from another process would read it.
            JournalReader.Contents contents = JournalReader.read(journal.file());
            assertEquals(1, contents.entries().size());
            JournalEntry entry = contents.entries().get(0);
            assertEquals(JournalEvent.INTENT, entry.event());
            assertEquals("scaletest-cccccccc-3", entry.name());
            assertEquals("cccccccc-3@scaletest.local", entry.email());
            String line = Files.readString(journal.file(), StandardCharsets.UTF_8);
            assertTrue(line.matches("\\{\"at\":\"[^\"]+\",\"event\":\"intent\",\"kind\":\"user\",\"name\":\"scaletest-cccccccc-3\","
                    + "\"email\":\"cccccccc-3@scaletest.local\",\"run\":\"workspacebuild/3\"}\n"), line);
        }
    }

    @Test
    void tornLastLineIsSkippedAndReopeningStartsANewLine() throws IOException {
        try (RunJournal journal = RunJournal.open(dir)) {
            journal.workspaceIntent("r/0", "scaletest-dddddddd-0", "owner");
        }
        Path file = dir.resolve(RunJournal.FILE_NAME);
        Files.writeString(file, "{\"at\":\"2026-11-22T04:15:00Z\",\"event\":\"created\",\"kind\":\"works",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        JournalReader.Contents torn = JournalReader.read(dir);
        assertEquals(1, torn.entries().size());
        assertEquals(1, torn.unreadableLines());
        assertEquals(Optional.of("Skipped 1 unreadable line in " + file + " (a run killed mid-write leaves half a line);"
                + " every whole line was read"), torn.skippedNotice());
        assertEquals(1, JournalReader.leftovers(dir).size());

        try (RunJournal journal = RunJournal.open(dir)) {
            journal.deleted(ResourceKind.WORKSPACE, "scaletest-dddddddd-0", null, "r/0");
        }
        JournalReader.Contents after = JournalReader.read(dir);
        assertEquals(2, after.entries().size());
        assertEquals(1, after.unreadableLines());
        assertEquals(List.of(), JournalReader.leftovers(dir));
    }

    @Test
    void concurrentAppendsKeepWholeLines() throws Exception {
        try (RunJournal journal = RunJournal.open(dir)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 25; i++) {
                        try {
                            journal.userIntent("r/" + thread, "scaletest-t" + thread + "-" + i, "e@scaletest.local");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        JournalReader.Contents contents = JournalReader.read(dir);
        assertEquals(200, contents.entries().size());
        assertEquals(0, contents.unreadableLines());
        assertEquals(Optional.empty(), contents.skippedNotice());
        assertEquals(200, JournalReader.leftovers(dir).size());
    }

    @Test
    void runIdsSortByTimeAndCarryARandomSuffix() {
        String id = RunJournal.newRunId(() -> Instant.parse("2026-11-22T04:15:00Z"), new Random(1));
        assertTrue(id.matches("20261122T041500Z-[0-9a-z]{6}"), id);
        assertEquals(Path.of("scaletest-runs", id), RunJournal.defaultDirectory(id));
        assertTrue(RunJournal.newRunId().matches("\\d{8}T\\d{6}Z-[0-9a-z]{6}"));
    }
}
