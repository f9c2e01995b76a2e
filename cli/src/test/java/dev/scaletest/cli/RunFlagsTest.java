package dev.scaletest.cli;

import dev.scaletest.harness.Shard;
import dev.scaletest.scenarios.fullrun.FullRunConfig;
import dev.scaletest.scenarios.workspacetraffic.TrafficMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code scaletest run}'s own flag table: the choices where the three commands disagree, its variables, its bad input. */
class RunFlagsTest {

    private static FullRunConfig config(CliRun run) {
        assertEquals(0, run.exit, run.err);
        assertEquals("run", run.launcher.called);
        return run.config(FullRunConfig.class);
    }

    @Test
    void theDefaultsAreTheOnesTheHelpAndTheReadmeName() {
        FullRunConfig c = config(new CliRun().run("run", "-t", "kubernetes"));
        assertEquals(1, c.create().count(), "a bare run is a smoke test, as create-workspaces");
        assertEquals(1, c.create().strategy().concurrency(), "the create phase, one job at a time as create-workspaces");
        assertEquals(Duration.ofMinutes(30), c.create().strategy().timeout(), "--timeout is the create phase's deadline");
        assertEquals(Duration.ofMinutes(5), c.traffic().duration(), "--traffic-duration");
        assertEquals(0, c.traffic().strategy().concurrency(), "every stream at once");
        assertEquals(Map.of(TrafficMode.TERMINAL, 100), c.mix().weights());
        assertEquals(1, c.create().cleanupStrategy().concurrency(), "an unset --cleanup-concurrency follows --concurrency");
        assertEquals(4096, c.traffic().bytesPerTick());
        assertEquals(Duration.ofMillis(100), c.traffic().tickInterval());
        assertFalse(c.create().noCleanup());
        assertFalse(c.create().noWaitForAgents(), "traffic needs the agents");
    }

    @Test
    void theCleanupFollowsTheCreatePhasesConcurrencyUnlessTold() {
        assertEquals(50, config(new CliRun().run("run", "-t", "k", "--concurrency", "50")).create().cleanupStrategy().concurrency());
        assertEquals(4, config(new CliRun().run("run", "-t", "k", "--concurrency", "50", "--cleanup-concurrency", "4"))
                .create().cleanupStrategy().concurrency());
    }

    @Test
    void everyFlagReachesTheConfig() {
        FullRunConfig c = config(new CliRun().run("run", "--template", "docker", "--count", "200", "--concurrency", "0",
                "--timeout", "20m", "--job-timeout", "2m", "--traffic-duration", "30s", "--traffic-mix", "terminal=80,ssh=10,app=10",
                "--app", "echo", "--ssh-proxy-command", "coder ssh --stdio {owner}/{workspace}", "--bytes-per-tick", "1024",
                "--tick-interval", "50ms", "--retry", "2", "--no-cleanup", "--use-host-login", "--parameter", "region=eu",
                "--cleanup-timeout", "10m"));
        assertEquals("docker", c.create().template());
        assertEquals(200, c.create().count());
        assertEquals(0, c.create().strategy().concurrency());
        assertEquals(Duration.ofMinutes(20), c.create().strategy().timeout());
        assertEquals(Duration.ofMinutes(2), c.create().strategy().jobTimeout());
        assertEquals(Duration.ofSeconds(30), c.traffic().duration());
        assertEquals(Map.of(TrafficMode.TERMINAL, 80, TrafficMode.SSH, 10, TrafficMode.APP, 10), c.mix().weights());
        assertEquals(Optional.of("echo"), c.mix().app());
        assertEquals(Optional.of("coder ssh --stdio {owner}/{workspace}"), c.traffic().sshAccess().proxyCommand());
        assertEquals(1024, c.traffic().bytesPerTick());
        assertEquals(Duration.ofMillis(50), c.traffic().tickInterval());
        assertEquals(2, c.create().retry());
        assertTrue(c.create().noCleanup());
        assertTrue(c.create().useHostLogin());
        assertEquals(Duration.ofMinutes(10), c.create().cleanupStrategy().timeout());
    }

    @Test
    void itsVariablesFollowTheScaletestConvention() {
        CliRun run = new CliRun().env("CODER_SCALETEST_TEMPLATE", "docker").env("CODER_SCALETEST_COUNT", "12")
                .env("CODER_SCALETEST_TRAFFIC_DURATION", "45s").env("CODER_SCALETEST_TRAFFIC_MIX", "terminal=1,app=1")
                .env("CODER_SCALETEST_TRAFFIC_APP", "echo").env("CODER_SCALETEST_SHARD_COUNT", "4").env("JOB_COMPLETION_INDEX", "3")
                .env("CODER_SCALETEST_RUN_ID", "nightly-1").env("CODER_SCALETEST_CLEANUP_TEMPLATE", "ignored").run("run");
        FullRunConfig c = config(run);
        assertEquals("docker", c.create().template(), "create-workspaces' variable; cleanup's is not read");
        assertEquals(12, c.create().count());
        assertEquals(Duration.ofSeconds(45), c.traffic().duration());
        assertEquals(Set.of(TrafficMode.TERMINAL, TrafficMode.APP), c.mix().modes());
        assertEquals(Optional.of(new Shard(3, 4)), run.launcher.common.shard());
        assertEquals("nightly-1", run.launcher.common.runId());
    }

    @Test
    void theEmbeddedSimulatorNeedsNoTemplateAndOffersItsOwnSsh() {
        FullRunConfig c = config(new CliRun().run("run", "--embedded", "--traffic-mix", "ssh=1"));
        assertEquals("", c.create().template());
        assertTrue(new CliRun().run("run", "--embedded").launcher.common.embedded());
    }

    @Test
    void helpListsTheFlagTableAndExplainsTheChoices() {
        CliRun help = new CliRun().run("run", "--help");
        assertEquals(0, help.exit, help.err);
        String text = help.out.replaceAll("\\s+", " ");
        for (String expected : List.of("--traffic-duration", "--traffic-mix", "--app", "--count", "--concurrency", "--timeout",
                "--cleanup-concurrency", "--no-cleanup", "--shard", "--shard-count", "--run-id", "--threshold-file", "--embedded",
                "--ssh-proxy-command", "CODER_SCALETEST_TRAFFIC_DURATION", "CODER_SCALETEST_TRAFFIC_MIX", "CODER_SCALETEST_TEMPLATE",
                "CODER_SCALETEST_SHARD_COUNT", "CODER_SCALETEST_RUN_ID", "a second Ctrl-C",
                "--timeout is the create phase's deadline")) {
            assertTrue(text.contains(expected), expected + " missing from:\n" + help.out);
        }
        assertFalse(text.contains("CODER_SCALETEST_CLEANUP_TEMPLATE"), help.out);
        assertTrue(new CliRun().run("--help").out.contains("run"), "listed at the root");
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of(List.of("run"), "--template is required"),
                Arguments.of(List.of("run", "-t", "k", "--count", "0"), "--count is required and must be greater than 0"),
                Arguments.of(List.of("run", "-t", "k", "--traffic-duration", "0s"), "--traffic-duration must be greater than 0"),
                Arguments.of(List.of("run", "-t", "k", "--traffic-mix", "terminal=80,video=20"),
                        "--traffic-mix \"terminal=80,video=20\": \"video\" is not a mode"),
                Arguments.of(List.of("run", "-t", "k", "--traffic-mix", "terminal"), "--traffic-mix \"terminal\": \"terminal\" is not MODE=SHARE"),
                Arguments.of(List.of("run", "-t", "k", "--traffic-mix", "ssh=-1"), "--traffic-mix \"ssh=-1\": \"-1\" is not a whole number"),
                Arguments.of(List.of("run", "-t", "k", "--traffic-mix", "terminal=0"), "--traffic-mix \"terminal=0\": every share is 0"),
                Arguments.of(List.of("run", "-t", "k", "--traffic-mix", "ssh=1,ssh=2"), "--traffic-mix \"ssh=1,ssh=2\": ssh is given twice"),
                Arguments.of(List.of("run", "-t", "k", "--traffic-mix", "app=1"), "--traffic-mix gives app streams a share: name the app with --app SLUG"),
                Arguments.of(List.of("run", "-t", "k", "--app", "echo"), "--app echo is given but --traffic-mix gives app streams no share"),
                Arguments.of(List.of("run", "-t", "k", "--traffic-mix", "ssh=1"), "--traffic-mix with an ssh share needs --ssh-address HOST:PORT"),
                Arguments.of(List.of("run", "-t", "k", "--bytes-per-tick", "5000"), "--bytes-per-tick must be from 13 to 4096 through a terminal"),
                Arguments.of(List.of("run", "-t", "k", "--traffic-duration", "1m", "--warm-up", "1m"),
                        "--warm-up 1m0s is not shorter than the traffic (1m0s)"),
                Arguments.of(List.of("run", "-t", "k", "--shard", "3/2"), "--shard 3/2: index 3 is not below the count 2"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputIsOneLineAndExit2(List<String> args, String message) {
        CliRun run = new CliRun().run(args.toArray(String[]::new));
        assertEquals(2, run.exit, run.err);
        assertEquals(1, run.errLines().size(), run.err);
        assertTrue(run.err.startsWith("scaletest: " + message), run.err);
        assertNull(run.launcher.called, "nothing runs after bad input");
    }

    @Test
    void largerTicksAreFineWithoutTerminalStreams() {
        FullRunConfig c = config(new CliRun().run("run", "-t", "k", "--traffic-mix", "app=1", "--app", "echo", "--bytes-per-tick", "65536"));
        assertEquals(65536, c.traffic().bytesPerTick());
    }
}
