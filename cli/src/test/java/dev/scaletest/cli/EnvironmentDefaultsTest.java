package dev.scaletest.cli;

import dev.scaletest.reports.output.OutputTarget;
import dev.scaletest.scenarios.TargetRange;
import dev.scaletest.scenarios.createworkspaces.CreateWorkspacesConfig;
import dev.scaletest.scenarios.workspacetraffic.WebSocketClientKind;
import dev.scaletest.scenarios.workspacetraffic.WorkspaceTrafficConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EnvironmentDefaultsTest {

    static Stream<Arguments> createVariables() {
        return Stream.of(
                create("CODER_SCALETEST_COUNT", "40", CreateWorkspacesConfig::count, 40),
                create("CODER_SCALETEST_RETRY", "3", CreateWorkspacesConfig::retry, 3),
                create("CODER_SCALETEST_TEMPLATE", "from-env", CreateWorkspacesConfig::template, "from-env"),
                create("CODER_SCALETEST_NO_CLEANUP", "true", CreateWorkspacesConfig::noCleanup, true),
                create("CODER_SCALETEST_NO_WAIT_FOR_AGENTS", "true", CreateWorkspacesConfig::noWaitForAgents, true),
                create("CODER_SCALETEST_RUN_COMMAND", "uptime", c -> c.commandCheck().orElseThrow().command(), "uptime"),
                create("CODER_SCALETEST_USE_HOST_LOGIN", "true", CreateWorkspacesConfig::useHostLogin, true),
                create("CODER_RICH_PARAMETER", "a=1,b=2", c -> c.parameters().fromFlags(), Map.of("a", "1", "b", "2")),
                create("CODER_SCALETEST_CONCURRENCY", "9", c -> c.strategy().concurrency(), 9),
                create("CODER_SCALETEST_TIMEOUT", "2h", c -> c.strategy().timeout(), Duration.ofHours(2)),
                create("CODER_SCALETEST_JOB_TIMEOUT", "30m", c -> c.strategy().jobTimeout(), Duration.ofMinutes(30)),
                create("CODER_SCALETEST_RATE", "20/s", c -> c.strategy().ratePerSecond(), OptionalDouble.of(20)),
                create("CODER_SCALETEST_CLEANUP_CONCURRENCY", "6", c -> c.cleanupStrategy().concurrency(), 6),
                create("CODER_SCALETEST_CLEANUP_TIMEOUT", "1h", c -> c.cleanupStrategy().timeout(), Duration.ofHours(1)),
                create("CODER_SCALETEST_CLEANUP_JOB_TIMEOUT", "1m", c -> c.cleanupStrategy().jobTimeout(), Duration.ofMinutes(1)));
    }

    private static Arguments create(String variable, String value, Function<CreateWorkspacesConfig, Object> field, Object expected) {
        return Arguments.of(variable, value, field, expected);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("createVariables")
    void createWorkspacesReadsCodersVariables(String variable, String value, Function<CreateWorkspacesConfig, Object> field, Object expected) {
        CliRun run = new CliRun().env("CODER_SCALETEST_TEMPLATE", "t").env(variable, value).run("create-workspaces");
        assertEquals(0, run.exit, run.err);
        assertEquals(expected, field.apply(run.config(CreateWorkspacesConfig.class)));
    }

    static Stream<Arguments> trafficVariables() {
        return Stream.of(
                traffic("CODER_SCALETEST_WORKSPACE_TRAFFIC_BYTES_PER_TICK", "512", WorkspaceTrafficConfig::bytesPerTick, 512),
                traffic("CODER_SCALETEST_WORKSPACE_TRAFFIC_TICK_INTERVAL", "1s", WorkspaceTrafficConfig::tickInterval, Duration.ofSeconds(1)),
                traffic("CODER_SCALETEST_WORKSPACE_TRAFFIC_WARM_UP", "5s", WorkspaceTrafficConfig::warmUp, Duration.ofSeconds(5)),
                traffic("CODER_SCALETEST_WORKSPACE_TRAFFIC_APP", "echo", WorkspaceTrafficConfig::app, Optional.of("echo")),
                traffic("CODER_SCALETEST_WORKSPACE_TRAFFIC_DISABLE_DIRECT_CONNECTIONS", "true", WorkspaceTrafficConfig::disableDirect, true),
                traffic("CODER_SCALETEST_WORKSPACE_PROXY_URL", "https://p.example.com", WorkspaceTrafficConfig::workspaceProxyUrl,
                        Optional.of(URI.create("https://p.example.com"))),
                traffic("CODER_SCALETEST_TEMPLATE", "docker", c -> c.targets().template(), Optional.of("docker")),
                traffic("CODER_SCALETEST_TARGET_WORKSPACES", "0:5", c -> c.targets().range(), new TargetRange(0, 5)),
                traffic("CODER_SCALETEST_USE_HOST_LOGIN", "true", c -> c.targets().useHostLogin(), true),
                traffic("CODER_SCALETEST_PROMETHEUS_ADDRESS", "127.0.0.1:1", c -> c.prometheus().address(), "127.0.0.1:1"),
                traffic("CODER_SCALETEST_PROMETHEUS_WAIT", "1s", c -> c.prometheus().scrapeWait(), Duration.ofSeconds(1)),
                traffic("CODER_SCALETEST_WORKSPACE_TRAFFIC_WS_CLIENT", "java-websocket", WorkspaceTrafficConfig::webSocketClient,
                        WebSocketClientKind.JAVA_WEBSOCKET));
    }

    private static Arguments traffic(String variable, String value, Function<WorkspaceTrafficConfig, Object> field, Object expected) {
        return Arguments.of(variable, value, field, expected);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("trafficVariables")
    void workspaceTrafficReadsCodersVariables(String variable, String value, Function<WorkspaceTrafficConfig, Object> field, Object expected) {
        CliRun run = new CliRun().env(variable, value).run("workspace-traffic");
        assertEquals(0, run.exit, run.err);
        assertEquals(expected, field.apply(run.config(WorkspaceTrafficConfig.class)));
    }

    @Test
    void sshFromEnvironment() {
        CliRun run = new CliRun().env("CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH", "true")
                .env("CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH_ADDRESS", "10.0.0.1:22").run("workspace-traffic");
        assertEquals(0, run.exit, run.err);
        assertEquals(true, run.config(WorkspaceTrafficConfig.class).ssh());
    }

    @Test
    void flagBeatsVariable() {
        CliRun run = new CliRun().env("CODER_SCALETEST_CONCURRENCY", "9").run("create-workspaces", "-t", "x", "--concurrency", "2");
        assertEquals(2, run.config(CreateWorkspacesConfig.class).strategy().concurrency());
    }

    @Test
    void outputsFromEnvironmentAreCommaSeparated() {
        CliRun run = new CliRun().env("CODER_SCALETEST_OUTPUTS", "json:/tmp/a.json,text").run("create-workspaces", "-t", "x");
        assertEquals(List.of(OutputTarget.stdout(OutputTarget.Format.TEXT),
                new OutputTarget(OutputTarget.Format.JSON, Optional.of(java.nio.file.Path.of("/tmp/a.json")))), run.launcher.common.outputs());
    }

    @Test
    void outputFlagReplacesTheEnvironmentList() {
        CliRun run = new CliRun().env("CODER_SCALETEST_OUTPUTS", "json:/tmp/a.json,text").run("create-workspaces", "-t", "x", "--output", "json");
        assertEquals(List.of(OutputTarget.stdout(OutputTarget.Format.JSON)), run.launcher.common.outputs());
    }

    @Test
    void thresholdsFromEnvironment() {
        CliRun run = new CliRun().env("CODER_SCALETEST_THRESHOLDS", "a<1, b<2").run("workspace-traffic");
        assertEquals(List.of("a<1", "b<2"), run.launcher.common.thresholds());
    }

    @Test
    void emptyVariableKeepsTheDefault() {
        CliRun run = new CliRun().env("CODER_SCALETEST_CONCURRENCY", "").run("create-workspaces", "-t", "x");
        assertEquals(1, run.config(CreateWorkspacesConfig.class).strategy().concurrency());
    }

    @Test
    void badVariableValueIsBadInput() {
        CliRun run = new CliRun().env("CODER_SCALETEST_TIMEOUT", "soon").run("create-workspaces", "-t", "x");
        assertEquals(2, run.exit);
        assertEquals(1, run.errLines().size(), run.err);
        assertEquals(true, run.err.contains("time: invalid duration \"soon\""), run.err);
    }
}
