package dev.scaletest.cli;

import dev.scaletest.harness.Shard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --shard}, {@code --shard-count} with Kubernetes' {@code JOB_COMPLETION_INDEX}, and
 * {@code --run-id} on the commands that run a scenario: what reaches the launcher, and bad input as
 * one line with exit code 2 before anything runs.
 */
class ShardFlagsTest {

    @ParameterizedTest
    @ValueSource(strings = {"create-workspaces -t x", "workspace-traffic", "cleanup", "run -t x"})
    void everyScenarioCommandTakesTheShardAndTheRunId(String command) {
        CliRun run = new CliRun().run((command + " --shard 1/4 --run-id nightly-7").split(" "));
        assertEquals(0, run.exit, run.err);
        assertEquals(Optional.of(new Shard(1, 4)), run.launcher.common.shard());
        assertEquals("nightly-7", run.launcher.common.runId());
        assertEquals(Path.of("scaletest-runs", "nightly-7", "shard-1"), run.launcher.common.journalDir(),
                "shards of one run started in one directory keep their journals apart");
    }

    @Test
    void theFlagsWorkBeforeTheCommandNameToo() {
        CliRun run = new CliRun().run("--shard", "0/2", "--run-id", "r1", "create-workspaces", "-t", "x");
        assertEquals(Optional.of(new Shard(0, 2)), run.launcher.common.shard());
        assertEquals("r1", run.launcher.common.runId());
    }

    @Test
    void aShardCountTakesTheIndexFromKubernetes() {
        CliRun flag = new CliRun().env("JOB_COMPLETION_INDEX", "2").run("create-workspaces", "-t", "x", "--shard-count", "4");
        assertEquals(Optional.of(new Shard(2, 4)), flag.launcher.common.shard());
        CliRun env = new CliRun().env("JOB_COMPLETION_INDEX", "3").env("CODER_SCALETEST_SHARD_COUNT", "4")
                .env("CODER_SCALETEST_RUN_ID", "job-abc").run("create-workspaces", "-t", "x");
        assertEquals(Optional.of(new Shard(3, 4)), env.launcher.common.shard());
        assertEquals("job-abc", env.launcher.common.runId());
    }

    @Test
    void withoutACountTheCompletionIndexIsIgnored() {
        CliRun run = new CliRun().env("JOB_COMPLETION_INDEX", "3").run("create-workspaces", "-t", "x");
        assertEquals(0, run.exit, run.err);
        assertEquals(Optional.empty(), run.launcher.common.shard());
        assertEquals(Path.of("scaletest-runs", run.launcher.common.runId()), run.launcher.common.journalDir());
    }

    @Test
    void theShardFlagWinsOverTheCompletionIndex() {
        CliRun run = new CliRun().env("JOB_COMPLETION_INDEX", "3").env("CODER_SCALETEST_SHARD_COUNT", "4")
                .run("create-workspaces", "-t", "x", "--shard", "0/4");
        assertEquals(Optional.of(new Shard(0, 4)), run.launcher.common.shard());
    }

    @Test
    void anExplicitJournalDirStaysAsGiven() {
        CliRun run = new CliRun().run("create-workspaces", "-t", "x", "--shard", "1/4", "--journal-dir", "/tmp/j");
        assertEquals(Path.of("/tmp/j"), run.launcher.common.journalDir());
    }

    @ParameterizedTest
    @ValueSource(strings = {"3/2", "x", "0/0", "-1/4", "1/", "4/4"})
    void aBadShardSpecIsOneLineAndExit2(String spec) {
        CliRun run = new CliRun().run("create-workspaces", "-t", "x", "--shard", spec);
        assertBadInput(run, "scaletest: --shard ");
    }

    @Test
    void theMessagesSayWhatIsWrong() {
        assertTrue(new CliRun().run("cleanup", "--shard", "3/2").err
                .startsWith("scaletest: --shard 3/2: index 3 is not below the count 2 (indexes run from 0 to 1)."));
        assertTrue(new CliRun().run("cleanup", "--shard", "x").err
                .startsWith("scaletest: --shard \"x\" is not INDEX/COUNT: write 0/4 for the first of four shards (indexes count from 0)."));
        assertTrue(new CliRun().run("cleanup", "--shard", "0/0").err.startsWith("scaletest: --shard 0/0: the count must be at least 1."));
    }

    @Test
    void aCountWithoutAnIndexOrAnIndexTheCountDoesNotAllowIsBadInput() {
        assertBadInput(new CliRun().run("cleanup", "--shard-count", "4"), "scaletest: a shard count of 4 needs this process's index");
        assertBadInput(new CliRun().env("JOB_COMPLETION_INDEX", "4").run("cleanup", "--shard-count", "4"),
                "scaletest: JOB_COMPLETION_INDEX=4 with a shard count of 4: index 4 is not below the count 4");
        assertBadInput(new CliRun().env("JOB_COMPLETION_INDEX", "two").run("cleanup", "--shard-count", "4"),
                "scaletest: JOB_COMPLETION_INDEX \"two\" is not a number");
        assertBadInput(new CliRun().run("cleanup", "--shard", "1/4", "--shard-count", "3"),
                "scaletest: --shard 1/4 and a shard count of 3 (--shard-count or CODER_SCALETEST_SHARD_COUNT) disagree");
        assertBadInput(new CliRun().env("JOB_COMPLETION_INDEX", "0").run("cleanup", "--shard-count", "x"),
                "scaletest: Invalid value for option '--shard-count': 'x' is not an int");
        assertBadInput(new CliRun().env("JOB_COMPLETION_INDEX", "0").env("CODER_SCALETEST_SHARD_COUNT", "0").run("cleanup"),
                "scaletest: shard count 0 (--shard-count or CODER_SCALETEST_SHARD_COUNT): the count must be at least 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "-x", "has space", ".hidden"})
    void aRunIdThatCannotNameADirectoryIsBadInput(String id) {
        assertBadInput(new CliRun().run("cleanup", "--run-id", id), "scaletest: --run-id \"" + id + "\" must be 1 to 63 letters");
    }

    @Test
    void theShardFlagsBelongToTheScenarioCommandsOnly() {
        CliRun run = new CliRun().run("report", "merge", "a.json", "--shard", "0/2");
        assertEquals(2, run.exit);
        assertTrue(run.err.startsWith("scaletest: Unknown option: '--shard'."), run.err);
        assertTrue(new CliRun().run("create-workspaces", "--help").out.contains("CODER_SCALETEST_SHARD_COUNT"));
    }

    private static void assertBadInput(CliRun run, String prefix) {
        assertEquals(2, run.exit, run.err);
        assertEquals(1, run.errLines().size(), run.err);
        assertTrue(run.err.startsWith(prefix), run.err);
        assertNull(run.launcher.called, "nothing runs after bad input");
    }
}
