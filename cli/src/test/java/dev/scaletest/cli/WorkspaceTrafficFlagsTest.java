package dev.scaletest.cli;

import dev.scaletest.scenarios.TargetRange;
import dev.scaletest.scenarios.workspacetraffic.WebSocketClientKind;
import dev.scaletest.scenarios.workspacetraffic.WorkspaceTrafficConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkspaceTrafficFlagsTest {

    static Stream<Arguments> flags() {
        return Stream.of(
                flag(List.of("--bytes-per-tick", "1024"), c -> c.bytesPerTick(), 1024),
                flag(List.of("--tick-interval", "250ms"), c -> c.tickInterval(), Duration.ofMillis(250)),
                flag(List.of("--warm-up", "10s", "--timeout", "1m"), c -> c.warmUp(), Duration.ofSeconds(10)),
                flag(List.of("--ssh", "--ssh-address", "127.0.0.1:2222"), c -> c.ssh(), true),
                flag(List.of("--ssh", "--ssh-address", "127.0.0.1:2222"), c -> c.sshAccess().address(), Optional.of("127.0.0.1:2222")),
                flag(List.of("--ssh", "--ssh-proxy-command", "coder ssh --stdio {workspace}"), c -> c.sshAccess().proxyCommand(),
                        Optional.of("coder ssh --stdio {workspace}")),
                flag(List.of("--ssh-identity-file", "/keys/id"), c -> c.sshAccess().identityFile(), Optional.of(Path.of("/keys/id"))),
                flag(List.of("--ssh-known-hosts", "/keys/kh"), c -> c.sshAccess().knownHosts(), Path.of("/keys/kh")),
                flag(List.of("--ssh-insecure-accept-any-host-key"), c -> c.sshAccess().acceptAnyHostKey(), true),
                flag(List.of("--ssh-user", "scaletest-ssh"), c -> c.sshAccess().user(), "scaletest-ssh"),
                flag(List.of("--ssh-user", "{workspace}"), c -> c.sshAccess().user("alice", "ws-1"), "ws-1"),
                flag(List.of("--ssh-password-from-token"), c -> c.sshAccess().passwordFromToken(), true),
                flag(List.of("--ssh-strict-host-key-checking"), c -> c.sshAccess().strictHostKeyChecking(), true),
                flag(List.of("--ssh", "--ssh-address", "10.0.0.5:22", "--ssh-proxy-command", "ssh -W {host}:{port} jump"),
                        c -> c.sshAccess().addressRoute().orElseThrow().label(), "10.0.0.5:22"),
                flag(List.of("--app", "echo"), c -> c.app(), Optional.of("echo")),
                flag(List.of("--disable-direct"), c -> c.disableDirect(), true),
                flag(List.of("--workspace-proxy-url", "https://proxy.example.com/"), c -> c.workspaceProxyUrl(),
                        Optional.of(URI.create("https://proxy.example.com"))),
                flag(List.of("--count", "50"), c -> c.embeddedWorkspaces(), 50),
                flag(List.of("--ws-client", "java-websocket"), c -> c.webSocketClient(), WebSocketClientKind.JAVA_WEBSOCKET),
                flag(List.of("-t", "docker"), c -> c.targets().template(), Optional.of("docker")),
                flag(List.of("--template", "docker"), c -> c.targets().template(), Optional.of("docker")),
                flag(List.of("--target-workspaces", "10:20"), c -> c.targets().range(), new TargetRange(10, 20)),
                flag(List.of("--use-host-login"), c -> c.targets().useHostLogin(), true),
                flag(List.of("--timeout", "10m"), c -> c.duration(), Duration.ofMinutes(10)),
                flag(List.of("--concurrency", "0"), c -> c.strategy().concurrency(), 0),
                flag(List.of("--cleanup-concurrency", "4"), c -> c.cleanupStrategy().concurrency(), 4),
                flag(List.of("--scaletest-prometheus-address", "127.0.0.1:9999"), c -> c.prometheus().address(), "127.0.0.1:9999"),
                flag(List.of("--scaletest-prometheus-wait", "0s"), c -> c.prometheus().scrapeWait(), Duration.ZERO),
                flag(List.of("--prometheus-push-url", "http://push:9091"), c -> c.prometheus().pushUrl(), Optional.of(URI.create("http://push:9091"))));
    }

    private static Arguments flag(List<String> args, Function<WorkspaceTrafficConfig, Object> field, Object expected) {
        return Arguments.of(String.join(" ", args), args, field, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flags")
    void flagReachesTheConfig(String label, List<String> args, Function<WorkspaceTrafficConfig, Object> field, Object expected) {
        List<String> all = new ArrayList<>(List.of("workspace-traffic"));
        all.addAll(args);
        CliRun run = new CliRun().run(all.toArray(String[]::new));
        assertEquals(0, run.exit, run.err);
        assertEquals(expected, field.apply(run.config(WorkspaceTrafficConfig.class)));
    }

    @Test
    void defaults() {
        CliRun run = new CliRun().run("workspace-traffic");
        WorkspaceTrafficConfig config = run.config(WorkspaceTrafficConfig.class);
        assertEquals(4096, config.bytesPerTick());
        assertEquals(Duration.ofMillis(100), config.tickInterval());
        assertEquals(200, config.embeddedWorkspaces());
        assertEquals(WebSocketClientKind.NETTY, config.webSocketClient());
        assertEquals("0.0.0.0:21112", config.prometheus().address());
        assertEquals(Duration.ofSeconds(15), config.prometheus().scrapeWait());
        assertEquals(Path.of("/home/tester/.ssh/known_hosts"), config.sshAccess().knownHosts());
        assertEquals("{owner}.{workspace}", config.sshAccess().user());
        assertEquals("alice.ws-1", config.sshAccess().user("alice", "ws-1"));
        assertFalse(config.sshAccess().passwordFromToken(), "the session token is no SSH password unless asked");
        assertFalse(config.sshAccess().strictHostKeyChecking());
        assertFalse(config.disableDirect());
        assertEquals(TargetRange.ALL, config.targets().range());
        assertTrue(config.webTerminal());
        assertEquals(0, config.strategy().concurrency(), "every stream at once");
    }

    @Test
    void concurrencyDefaultIsZeroInTheHelpAndTheEnvironmentStillWins() {
        CliRun help = new CliRun().run("workspace-traffic", "--help");
        assertTrue(concurrencyHelp(help.out).contains("Default: 0"), help.out);
        CliRun create = new CliRun().run("create-workspaces", "--help");
        assertTrue(concurrencyHelp(create.out).contains("Default: 1"), create.out);

        CliRun fromEnv = new CliRun().env("CODER_SCALETEST_CONCURRENCY", "7").run("workspace-traffic");
        assertEquals(7, fromEnv.config(WorkspaceTrafficConfig.class).strategy().concurrency());
        CliRun linear = new CliRun().run("workspace-traffic", "--concurrency", "1");
        assertEquals(1, linear.config(WorkspaceTrafficConfig.class).strategy().concurrency());
    }

    /** The description of --concurrency in a help text (from its option line to the next option). */
    private static String concurrencyHelp(String help) {
        int start = help.indexOf("\n      --concurrency=N");
        return help.substring(start, help.indexOf("\n      --", start + 1));
    }

    @Test
    void eitherDisableDirectFlagOrVariableTurnsItOn() {
        for (CliRun run : List.of(new CliRun().run("workspace-traffic", "--disable-direct"),
                new CliRun().run("workspace-traffic", "--disable-direct-connections"),
                new CliRun().run("--disable-direct-connections", "workspace-traffic"),
                new CliRun().env("CODER_DISABLE_DIRECT_CONNECTIONS", "true").run("workspace-traffic"),
                new CliRun().env("CODER_SCALETEST_WORKSPACE_TRAFFIC_DISABLE_DIRECT_CONNECTIONS", "true").run("workspace-traffic"))) {
            assertEquals(0, run.exit, run.err);
            assertTrue(run.config(WorkspaceTrafficConfig.class).disableDirect(), run.err);
        }
    }

    @Test
    void helpListsTheProxyCommandPlaceholdersAndTheHostKeyRule() {
        CliRun help = new CliRun().run("workspace-traffic", "--help");
        String text = help.out.replaceAll("\\s+", " ");
        assertTrue(text.contains("Placeholders: {owner} (the workspace owner's user name), {workspace} (the workspace name), {user} (the SSH user, --ssh-user),"
                + " {host} and {port} (--ssh-address if given, else the workspace name and 22: what OpenSSH's %h and %p would be); no others."), help.out);
        assertTrue(text.contains("Host keys are not checked on this route, as Coder's tool and 'coder config-ssh' (StrictHostKeyChecking=no) do not"), help.out);
        assertTrue(text.contains("Default: {owner}.{workspace}"), help.out);
        for (String flag : List.of("--ssh-user", "--ssh-password-from-token", "--ssh-strict-host-key-checking", "--disable-direct-connections",
                "CODER_DISABLE_DIRECT_CONNECTIONS", "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH_USER")) {
            assertTrue(help.out.contains(flag), flag + " missing from:\n" + help.out);
        }
        assertEquals("", help.err);
    }

    @Test
    void acceptingAnyHostKeyWarns() {
        CliRun run = new CliRun().run("workspace-traffic", "--ssh", "--ssh-address", "h:22", "--ssh-insecure-accept-any-host-key");
        assertEquals(0, run.exit);
        assertTrue(run.err.contains("WARNING: --ssh-insecure-accept-any-host-key"), run.err);
    }

    @Test
    void largerTicksAreFineOverSshAndApps() {
        assertEquals(0, new CliRun().run("workspace-traffic", "--app", "echo", "--bytes-per-tick", "65536").exit);
        assertEquals(0, new CliRun().run("workspace-traffic", "--embedded", "--ssh", "--bytes-per-tick", "65536").exit);
    }

    @Test
    void tickBoundsAreInclusive() {
        for (String length : new String[] {"13", "4096"}) {
            CliRun run = new CliRun().run("workspace-traffic", "--bytes-per-tick", length);
            assertEquals(0, run.exit, run.err);
            assertEquals(Integer.parseInt(length), run.config(WorkspaceTrafficConfig.class).bytesPerTick());
        }
        assertEquals(0, new CliRun().run("workspace-traffic", "--ssh", "--ssh-address", "h:22", "--bytes-per-tick", "13").exit);
    }

    /** The tick bound is checked before the launcher runs, so --embedded starts no simulator and creates no workspace. */
    @Test
    void tooShortTickWithEmbeddedStopsBeforeTheLauncher() {
        CliRun run = new CliRun().run("workspace-traffic", "--embedded", "--count", "3", "--bytes-per-tick", "5");
        assertEquals(2, run.exit, run.err);
        assertEquals(List.of("scaletest: --bytes-per-tick must be from 13 to 4096 through a terminal, got 5: a tick holds its 12-byte"
                + " sequence marker and the newline, and a terminal passes at most 4095 characters of a line plus the newline"
                + " (--ssh and --app take longer ticks). Run 'scaletest workspace-traffic --help' for usage."), run.errLines());
        assertEquals("", run.out);
        assertEquals(null, run.launcher.called, "the launcher must not run");
    }

    @Test
    void aWarmUpAsLongAsTheTrafficOrLongerIsBadInputBeforeAnythingStarts() {
        for (String warmUp : List.of("30s", "45s")) {
            CliRun run = new CliRun().run("workspace-traffic", "--embedded", "--count", "2", "--timeout", "30s", "--warm-up", warmUp);
            assertEquals(2, run.exit, run.err);
            assertEquals(List.of("scaletest: --warm-up " + warmUp + " is not shorter than the traffic (30s): nothing would be left"
                    + " to measure; give a shorter --warm-up. Run 'scaletest workspace-traffic --help' for usage."), run.errLines());
            assertEquals(null, run.launcher.called, "the launcher must not run");
        }
        CliRun negative = new CliRun().run("workspace-traffic", "--timeout", "30s", "--warm-up", "-1s");
        assertEquals(2, negative.exit, negative.err);
        assertTrue(negative.err.contains("--warm-up must not be negative, got -1s"), negative.err);
        assertEquals(Duration.ZERO, new CliRun().run("workspace-traffic").config(WorkspaceTrafficConfig.class).warmUp(), "none by default");
    }
}
