package dev.scaletest.cli;

import dev.scaletest.reports.thresholds.Threshold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --threshold-file} on every command that takes {@code --threshold}: added to them, a bad line is one line naming file:line. */
class ThresholdFileFlagTest {
    @TempDir
    Path dir;

    private Path gates() throws Exception {
        return Files.writeString(dir.resolve("gates.txt"), "# nightly gates\ntraffic.echo_rtt:p99<250ms\n\ndelivery>99%\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"create-workspaces -t x", "workspace-traffic"})
    void theFileIsAddedToTheThresholdFlags(String command) throws Exception {
        CliRun run = new CliRun().run((command + " --threshold errors<1% --threshold-file " + gates()).split(" "));
        assertEquals(0, run.exit, run.err);
        assertEquals(List.of("errors<1%", "traffic.echo_rtt:p99<250ms", "delivery>99%"), run.launcher.common.thresholds());
    }

    @Test
    void theEnvironmentNamesTheFileToo() throws Exception {
        CliRun run = new CliRun().env("CODER_SCALETEST_THRESHOLD_FILE", gates().toString()).run("workspace-traffic");
        assertEquals(List.of("traffic.echo_rtt:p99<250ms", "delivery>99%"), run.launcher.common.thresholds());
    }

    @Test
    void reportMergeTakesItAsWell() throws Exception {
        Path a = Files.writeString(dir.resolve("a.json"), "{}");
        CliRun run = new CliRun().run("report", "merge", a.toString(), "--threshold-file", gates().toString());
        assertEquals(0, run.exit, run.err);
        assertEquals(List.of("traffic.echo_rtt:p99<250ms", "delivery>99%"),
                run.config(ReportMergeConfig.class).options().thresholds().stream().map(Threshold::expression).toList());
    }

    @Test
    void aBadLineIsOneLineNamingTheFileAndLineAndExit2() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.txt"), "errors<1%\n# fine\np99 is low\n");
        for (String[] args : List.of(new String[] {"workspace-traffic", "--threshold-file", file.toString()},
                new String[] {"report", "merge", Files.writeString(dir.resolve("a.json"), "{}").toString(), "--threshold-file",
                        file.toString()})) {
            CliRun run = new CliRun().run(args);
            assertEquals(2, run.exit, run.err);
            assertEquals(1, run.errLines().size(), run.err);
            assertTrue(run.err.startsWith("scaletest: --threshold-file " + file + ":3: invalid threshold \"p99 is low\""), run.err);
            assertNull(run.launcher.called);
        }
    }

    @Test
    void aMissingFileIsOneLineAndExit2() {
        CliRun run = new CliRun().run("create-workspaces", "-t", "x", "--threshold-file", dir.resolve("none.txt").toString());
        assertEquals(2, run.exit, run.err);
        assertEquals(1, run.errLines().size(), run.err);
        assertTrue(run.err.startsWith("scaletest: --threshold-file " + dir.resolve("none.txt") + ": no such file."), run.err);
    }
}
