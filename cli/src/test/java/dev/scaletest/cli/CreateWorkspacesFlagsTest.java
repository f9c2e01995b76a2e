package dev.scaletest.cli;

import dev.scaletest.reports.output.OutputTarget;
import dev.scaletest.scenarios.createworkspaces.CommandCheck;
import dev.scaletest.scenarios.createworkspaces.CreateWorkspacesConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreateWorkspacesFlagsTest {

    static Stream<Arguments> flags() {
        return Stream.of(
                flag(List.of("--count", "25"), c -> c.count(), 25),
                flag(List.of("-c", "3"), c -> c.count(), 3),
                flag(List.of("--retry", "2"), c -> c.retry(), 2),
                flag(List.of("--template", "docker"), c -> c.template(), "docker"),
                flag(List.of("--no-cleanup"), c -> c.noCleanup(), true),
                flag(List.of("--no-wait-for-agents"), c -> c.noWaitForAgents(), true),
                flag(List.of("--use-host-login"), c -> c.useHostLogin(), true),
                flag(List.of("--run-command", "echo hi"), c -> c.commandCheck().map(CommandCheck::command).orElse(""), "echo hi"),
                flag(List.of("--run-command", "x", "--run-timeout", "1m30s"), c -> c.commandCheck().orElseThrow().timeout(), Duration.ofSeconds(90)),
                flag(List.of("--run-command", "x", "--run-expect-timeout"), c -> c.commandCheck().orElseThrow().expectTimeout(), true),
                flag(List.of("--run-command", "x", "--run-expect-output", "hello"), c -> c.commandCheck().orElseThrow().expectOutput(), "hello"),
                flag(List.of("--run-command", "x", "--run-log-output"), c -> c.commandCheck().orElseThrow().logOutput(), true),
                flag(List.of("--concurrency", "10"), c -> c.strategy().concurrency(), 10),
                flag(List.of("--timeout", "1h"), c -> c.strategy().timeout(), Duration.ofHours(1)),
                flag(List.of("--job-timeout", "90s"), c -> c.strategy().jobTimeout(), Duration.ofSeconds(90)),
                flag(List.of("--rate", "50/s"), c -> c.strategy().ratePerSecond(), OptionalDouble.of(50)),
                flag(List.of("--rate", "12.5"), c -> c.strategy().ratePerSecond(), OptionalDouble.of(12.5)),
                flag(List.of("--rate", "600/m"), c -> c.strategy().ratePerSecond(), OptionalDouble.of(10)),
                flag(List.of("--rate", "1800/h"), c -> c.strategy().ratePerSecond(), OptionalDouble.of(0.5)),
                flag(List.of("--rate", "5/s", "--ramp-up", "2m"), c -> c.strategy().rampUp(), Duration.ofMinutes(2)),
                flag(List.of("--cleanup-concurrency", "0"), c -> c.cleanupStrategy().concurrency(), 0),
                flag(List.of("--concurrency", "0"), c -> c.cleanupStrategy().concurrency(), 1),
                flag(List.of("--embedded", "--concurrency", "0"), c -> c.cleanupStrategy().concurrency(), 0),
                flag(List.of("--embedded", "--concurrency", "7"), c -> c.cleanupStrategy().concurrency(), 7),
                flag(List.of("--embedded", "--concurrency", "0", "--cleanup-concurrency", "1"), c -> c.cleanupStrategy().concurrency(), 1),
                flag(List.of("--cleanup-timeout", "10m"), c -> c.cleanupStrategy().timeout(), Duration.ofMinutes(10)),
                flag(List.of("--cleanup-job-timeout", "45s"), c -> c.cleanupStrategy().jobTimeout(), Duration.ofSeconds(45)),
                flag(List.of("--parameter", "region=eu", "--parameter", "size=a=b"), c -> c.parameters().fromFlags(), Map.of("region", "eu", "size", "a=b")),
                flag(List.of("--connect-mode", "DERP"), c -> c.connectUrl(), ""),
                flag(List.of("--connect-mode", "direct", "--connect-hold", "1s", "--connect-interval", "0", "--connect-timeout", "2s"),
                        c -> c.connectUrl(), ""));
    }

    private static Arguments flag(List<String> args, Function<CreateWorkspacesConfig, Object> field, Object expected) {
        return Arguments.of(String.join(" ", args), args, field, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flags")
    void flagReachesTheConfig(String label, List<String> args, Function<CreateWorkspacesConfig, Object> field, Object expected) {
        List<String> all = new ArrayList<>(List.of("create-workspaces", "-t", "base"));
        all.addAll(args);
        CliRun run = new CliRun().run(all.toArray(String[]::new));
        assertEquals(0, run.exit, run.err);
        assertEquals("create-workspaces", run.launcher.called);
        assertEquals(expected, field.apply(run.config(CreateWorkspacesConfig.class)));
    }

    @Test
    void defaultsAreCoders() {
        CliRun run = new CliRun().run("create-workspaces", "--template", "docker");
        CreateWorkspacesConfig config = run.config(CreateWorkspacesConfig.class);
        assertEquals(1, config.count());
        assertEquals(0, config.retry());
        assertEquals(1, config.strategy().concurrency());
        assertEquals(Duration.ofMinutes(30), config.strategy().timeout());
        assertEquals(Duration.ofMinutes(5), config.strategy().jobTimeout());
        assertEquals(OptionalDouble.empty(), config.strategy().ratePerSecond());
        assertEquals(1, config.cleanupStrategy().concurrency());
        assertEquals(Duration.ofMinutes(30), config.cleanupStrategy().timeout());
        assertEquals(Duration.ofMinutes(5), config.cleanupStrategy().jobTimeout());
        assertTrue(config.commandCheck().isEmpty());
        assertEquals(List.of(OutputTarget.stdout(OutputTarget.Format.TEXT)), run.launcher.common.outputs());
    }

    @Test
    void runTimeoutDefaultsToFiveSeconds() {
        CliRun run = new CliRun().run("create-workspaces", "-t", "x", "--run-command", "true");
        assertEquals(Duration.ofSeconds(5), run.config(CreateWorkspacesConfig.class).commandCheck().orElseThrow().timeout());
    }

    @Test
    void richParameterFileIsReadAndFlagsWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("params.yaml");
        Files.writeString(file, "region: us\ncpu: 4\nname: \"a: b\"\n");
        CliRun run = new CliRun().run("create-workspaces", "-t", "x", "--rich-parameter-file", file.toString(), "--parameter", "region=eu");
        CreateWorkspacesConfig config = run.config(CreateWorkspacesConfig.class);
        assertEquals(Map.of("region", "us", "cpu", "4", "name", "a: b"), config.parameters().fromFile());
        assertEquals(Map.of("region", "eu", "cpu", "4", "name", "a: b"), config.parameters().merged());
    }

    @Test
    void richParameterFileMustBeAMap(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("params.yaml");
        Files.writeString(file, "- a\n- b\n");
        CliRun run = new CliRun().run("create-workspaces", "-t", "x", "--rich-parameter-file", file.toString());
        assertEquals(2, run.exit);
        assertEquals(1, run.errLines().size(), run.err);
        assertTrue(run.err.contains("expected a map of 'name: value' lines"), run.err);
    }

    @Test
    void parameterWithoutEqualsUsesCodersMessage() {
        CliRun run = new CliRun().run("create-workspaces", "-t", "x", "--parameter", "region");
        assertEquals(2, run.exit);
        assertTrue(run.err.startsWith("scaletest: --parameter: format key=value expected, but got region"), run.err);
    }
}
