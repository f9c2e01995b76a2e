package dev.scaletest.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scaletest.reports.output.OutputTarget;
import dev.scaletest.scenarios.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks run as root, so every unwritable place here is one that root cannot write either. */
class WritablePathsTest {

    @TempDir
    Path dir;

    private static OutputTarget json(Path path) {
        return new OutputTarget(OutputTarget.Format.JSON, Optional.of(path));
    }

    private static String refusal(Path path) {
        return assertThrows(ConfigException.class, () -> WritablePaths.checkOutputs(List.of(json(path)))).getMessage();
    }

    private List<Path> everything() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.sorted().toList();
        }
    }

    @Test
    void aNewFileInNewFoldersPassesAndTheCheckLeavesNothingBehind() throws IOException {
        List<Path> before = everything();
        WritablePaths.checkOutputs(List.of(json(dir.resolve("a/b/c/out.json")), OutputTarget.stdout(OutputTarget.Format.TEXT)));
        assertEquals(before, everything());
    }

    /**
     * Shards started at once check the same new folders; none may be refused for the others' probes.
     * (An empty folder one check made may then stay, kept by another's probe inside it.)
     */
    @Test
    void checksOfTheSameNewFoldersAtOnceAllPass() throws Exception {
        for (int round = 0; round < 50; round++) {
            Path shared = dir.resolve("results-" + round + "/shards");
            try (ExecutorService shards = Executors.newFixedThreadPool(8)) {
                List<Future<?>> checks = new ArrayList<>();
                for (int shard = 0; shard < 8; shard++) {
                    Path out = shared.resolve("shard-" + shard + ".json");
                    checks.add(shards.submit(() -> WritablePaths.checkOutputs(List.of(json(out)))));
                }
                for (Future<?> check : checks) {
                    check.get();
                }
            }
        }
    }

    @Test
    void anExistingFileKeepsItsContents() throws IOException {
        Path file = Files.writeString(dir.resolve("out.json"), "earlier");
        WritablePaths.checkOutputs(List.of(json(file)));
        assertEquals("earlier", Files.readString(file));
    }

    @Test
    void aParentThatCannotBeCreatedIsRefused() {
        assertEquals("--output json:/proc/nonexistent/dir/out.json: cannot create /proc/nonexistent (No such file or directory);"
                + " name a writable file", refusal(Path.of("/proc/nonexistent/dir/out.json")));
    }

    @Test
    void aFileWhereAFolderIsExpectedIsRefused() throws IOException {
        Path file = Files.createFile(dir.resolve("plain"));
        assertEquals("--output json:" + file + "/sub/out.json: " + file + " is not a directory; name a writable file",
                refusal(file.resolve("sub/out.json")));
    }

    @Test
    void aFolderIsRefused() {
        assertEquals("--output json:" + dir + ": " + dir + " is a directory; name a writable file", refusal(dir));
    }

    @Test
    void aDeviceThatIsAlwaysFullIsRefusedEvenThroughASymlink() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/full")), "Linux's /dev/full");
        Path link = Files.createSymbolicLink(dir.resolve("out.json"), Path.of("/dev/full"));
        assertTrue(refusal(link).contains("every write to " + link + " fails (No space left on device)"), refusal(link));
    }

    @Test
    void otherDevicesAreTrusted() {
        assumeTrue(Files.exists(Path.of("/dev/null")));
        assertDoesNotThrow(() -> WritablePaths.checkOutputs(List.of(json(Path.of("/dev/null")))));
    }

    @Test
    void theJournalFolderMustBeAFolderAndItsFileWritable() throws IOException {
        Path file = Files.createFile(dir.resolve("plain"));
        ConfigException notFolder = assertThrows(ConfigException.class, () -> WritablePaths.checkJournalDirectory(file, true));
        assertEquals("--journal-dir " + file + " is not a directory; pass a writable --journal-dir", notFolder.getMessage());

        assumeTrue(Files.exists(Path.of("/dev/full")), "Linux's /dev/full");
        Path journal = Files.createDirectory(dir.resolve("journal"));
        Files.createSymbolicLink(journal.resolve("journal.jsonl"), Path.of("/dev/full"));
        ConfigException full = assertThrows(ConfigException.class, () -> WritablePaths.checkJournalDirectory(journal, false));
        assertTrue(full.getMessage().startsWith("the run journal folder " + journal + ": every write to "), full.getMessage());
        assertTrue(full.getMessage().endsWith("run from a writable directory or pass --journal-dir"), full.getMessage());

        Path fresh = dir.resolve("runs/one");
        WritablePaths.checkJournalDirectory(fresh, true);
        assertFalse(Files.exists(dir.resolve("runs")));
    }
}
