package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.simulator.Distribution;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.simulator.ssh.SshOptions;
import dev.scaletest.simulator.state.DeploymentCounts;
import dev.scaletest.simulator.terminal.TerminalOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the results go when the place asked for cannot take them: refused before anything is
 * created, or, when it breaks during the run, written elsewhere with the cleanup still done
 * (coder/coder#5549). The tests run as root: unwritable means /dev/full, a file where a folder is
 * expected, /proc, or a full tmpfs.
 */
@Timeout(120)
class OutputFailuresE2ETest {
    private static Simulator simulator;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSimulator() throws Exception {
        simulator = Simulator.start(Faults.none(),
                o -> o.withBuildTime(Distribution.fixed(Duration.ofSeconds(2))).withAgentConnectTime(Distribution.fixed(Duration.ZERO)),
                TerminalOptions.defaults(), SshOptions.defaults());
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    private ScaletestProcess scaletest() {
        return new ScaletestProcess(tmp.resolve("home"), Map.of("CODER_SESSION_TOKEN", simulator.adminToken()));
    }

    private static String[] against(String... args) {
        List<String> all = new ArrayList<>(List.of("create-workspaces", "--template", "kubernetes", "--url", simulator.url().toString(),
                "--progress", "none"));
        all.addAll(Arrays.asList(args));
        return all.toArray(String[]::new);
    }

    private static DeploymentCounts counts() {
        return simulator.api().deployment().counts();
    }

    private static List<String> errLines(ScaletestProcess run) {
        return run.err().lines().filter(l -> !l.isBlank()).toList();
    }

    /** The issue's own repro: nothing may start, so the built-in simulator never holds anything. */
    @Test
    void anOutputPathWhoseFolderCannotBeMadeIsRefusedBeforeTheEmbeddedRun() {
        ScaletestProcess run = scaletest();
        int code = run.run("create-workspaces", "--embedded", "--count", "2", "--output", "json:/proc/nonexistent/dir/out.json");
        assertEquals(2, code, run.diagnostics());
        assertEquals(List.of("scaletest: --output json:/proc/nonexistent/dir/out.json: cannot create /proc/nonexistent"
                + " (No such file or directory); name a writable file. Run 'scaletest create-workspaces --help' for usage."),
                errLines(run));
        assertFalse(run.err().contains("Built-in simulator"), run.diagnostics());
        assertEquals("", run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/proc/nonexistent/dir/out.json", "FILE/out.json", "DIR", "/dev/full"})
    void everyUnwritableOutputIsRefusedBeforeAUserIsCreated(String target) throws IOException {
        Path file = Files.createFile(tmp.resolve("file"));
        String path = target.replace("FILE", file.toString()).replace("DIR", tmp.toString());
        long requestsBefore = simulator.stats().requests.sum();
        ScaletestProcess run = scaletest();
        int code = run.run(against("--count", "2", "--journal-dir", tmp.resolve("journal").toString(), "--output", "json:" + path));
        assertEquals(2, code, run.diagnostics());
        assertEquals(1, errLines(run).size(), run.diagnostics());
        assertTrue(errLines(run).getFirst().startsWith("scaletest: --output json:" + path + ": "), run.diagnostics());
        assertEquals(requestsBefore, simulator.stats().requests.sum(), "not one request reached Coder");
        assertFalse(Files.exists(tmp.resolve("journal")), "the check leaves no journal folder");
    }

    /** The output path turns into a folder, or into a link to /dev/full, while the workspaces build. */
    @ParameterizedTest
    @ValueSource(strings = {"folder", "/dev/full"})
    void anOutputThatBreaksMidRunStillReachesTheJournalFolderAndTheCleanupRuns(String breakage) throws Exception {
        Path output = tmp.resolve("out.json");
        Path journal = tmp.resolve("journal");
        ScaletestProcess run = scaletest();
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> run.run(against("--count", "3",
                "--journal-dir", journal.toString(), "--output", "json:" + output, "--output", "text")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (counts().workspacesAlive() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(counts().workspacesAlive() > 0, run.diagnostics());
        if (breakage.equals("folder")) {
            Files.createDirectory(output);
        } else {
            Files.createSymbolicLink(output, Path.of(breakage));
        }

        assertEquals(1, (int) code.get(60, TimeUnit.SECONDS), run.diagnostics());
        assertEquals(0, counts().workspacesAlive(), run.diagnostics());
        assertEquals(0, counts().scaletestUsers(), run.diagnostics());
        assertTrue(run.err().contains("Cleaning up..."), run.diagnostics());
        Path fallback = journal.resolve("report.json");
        String reason = breakage.equals("folder") ? "Is a directory" : "No space left on device";
        assertEquals("scaletest: could not write --output json:" + output + " (" + reason + "); the JSON report is in "
                + fallback + " instead.", errLines(run).getLast());
        JsonNode report = ScaletestProcess.json(fallback);
        assertEquals(3, report.get("total_pass").asInt(), run.diagnostics());
        assertTrue(run.out().contains("Pass:  3"), "the text output still reached stdout:\n" + run.out());
    }

    @Test
    void aJournalThatCannotBeWrittenIsRefusedAtStart() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/full")), "Linux's /dev/full");
        Path journal = Files.createDirectory(tmp.resolve("journal"));
        Files.createSymbolicLink(journal.resolve("journal.jsonl"), Path.of("/dev/full"));
        long requestsBefore = simulator.stats().requests.sum();
        ScaletestProcess run = scaletest();
        int code = run.run(against("--count", "2", "--journal-dir", journal.toString()));
        assertEquals(2, code, run.diagnostics());
        assertEquals(List.of("scaletest: --journal-dir " + journal + ": every write to " + journal.resolve("journal.jsonl")
                + " fails (No space left on device); pass a writable --journal-dir. Run 'scaletest create-workspaces --help' for usage."),
                errLines(run));
        assertEquals(requestsBefore, simulator.stats().requests.sum(), "not one request reached Coder");
    }

    /**
     * A journal whose disk fills up during the run: the runs that could not journal their intent
     * created nothing and failed saying why, every deletion still happened, and the journal lines
     * that could not be written are named. Needs mount (root with CAP_SYS_ADMIN).
     */
    @Test
    void aJournalDiskThatFillsUpMidRunIsReportedAndLeavesNothing() throws Exception {
        Path mount = Files.createDirectory(tmp.resolve("small-disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString()), "mounting a tmpfs is not allowed here");
        try {
            fillLeaving(mount, 8 * 1024);
            Path journal = mount.resolve("journal");
            ScaletestProcess run = scaletest();
            int code = run.run(against("--count", "30", "--concurrency", "0", "--journal-dir", journal.toString(),
                    "--output", "json:" + tmp.resolve("out.json")));
            assertEquals(1, code, run.diagnostics());
            assertEquals(0, counts().workspacesAlive(), run.diagnostics());
            assertEquals(0, counts().scaletestUsers(), run.diagnostics());
            JsonNode report = ScaletestProcess.json(tmp.resolve("out.json"));
            assertTrue(report.get("total_fail").asInt() > 0, run.diagnostics());
            assertTrue(report.toString().contains("No space left on device"), "each failed run says why");
            assertTrue(run.err().lines().anyMatch(line -> line.startsWith("cleanup workspacebuild/")
                    && line.contains("deleted, but the journal") && line.endsWith("No space left on device")), run.diagnostics());
        } finally {
            run("umount", mount.toString());
        }
    }

    private static void fillLeaving(Path disk, long free) throws IOException {
        Path filler = disk.resolve("filler");
        long size = Files.getFileStore(disk).getUsableSpace() - free;
        Files.write(filler, new byte[(int) Math.max(0, size)]);
        try (Stream<Path> files = Files.list(disk)) {
            assertEquals(1, files.count());
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
