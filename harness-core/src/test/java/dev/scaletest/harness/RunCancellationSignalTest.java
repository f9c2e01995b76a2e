package dev.scaletest.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real SIGTERMs (what {@link Process#destroy()} sends) to a child JVM running a harness. */
@Timeout(60)
class RunCancellationSignalTest {
    @TempDir
    Path dir;

    @Test
    void firstSignalCancelsTheRunSecondSkipsCleanupAndExitIs130() throws Exception {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // destroy() closes the pipes of a child, so its output goes to files.
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SignalProbe.class.getName())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try {
            awaitLines(out, List.of("ready"));
            child.destroy();
            awaitLines(out, List.of("ready", "run: context canceled", "cleaning"));
            // The cleanup phase registers for cancellation right after "cleaning"; a signal landing
            // just before that still cancels it (the cancellation is remembered), so this is no race.
            child.destroy();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not exit");
            assertEquals(130, child.exitValue());
        } finally {
            child.destroyForcibly();
        }
        assertEquals(List.of("ready", "run: context canceled", "cleaning", "cleanup: [probe/0: context canceled]"),
                Files.readAllLines(out, StandardCharsets.UTF_8));
        List<String> errLines = new ArrayList<>(Files.readAllLines(err, StandardCharsets.UTF_8));
        errLines.removeIf(line -> line.startsWith("WARNING"));
        assertEquals(List.of(RunCancellation.FIRST_INTERRUPT_MESSAGE,
                "Cleanup skipped; remove what this run created with: scaletest cleanup --journal probe"), errLines);
    }

    private static void awaitLines(Path file, List<String> expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.equals(expected)) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "child output so far: " + lines);
            Thread.sleep(10);
        }
    }
}
