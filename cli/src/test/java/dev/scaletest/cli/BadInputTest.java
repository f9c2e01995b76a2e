package dev.scaletest.cli;

import dev.scaletest.harness.ExitCodes;
import dev.scaletest.scenarios.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BadInputTest {

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("--count is required and must be greater than 0", "create-workspaces", "-t", "x", "--count", "0"),
                bad("--template is required", "create-workspaces"),
                bad("--connect-url is not supported: it needs Coder's WireGuard network, which scaletest does not join; use --run-command instead",
                        "create-workspaces", "-t", "x", "--connect-url", "http://localhost:8080"),
                bad("validate ssh: must be false when app is used", "workspace-traffic", "--ssh", "--app", "echo", "--ssh-address", "h:22"),
                bad("validate duration: must be greater than zero", "workspace-traffic", "--timeout", "0"),
                bad("--bytes-per-tick must be from 13 to 4096 through a terminal, got 0", "workspace-traffic", "--bytes-per-tick", "0"),
                bad("--bytes-per-tick must be from 13 to 4096 through a terminal, got 5", "workspace-traffic", "--bytes-per-tick", "5"),
                bad("--bytes-per-tick must be from 13 to 4096 through a terminal, got 4097", "workspace-traffic", "--bytes-per-tick", "4097"),
                bad("--bytes-per-tick must be at least 13, got 12", "workspace-traffic", "--ssh", "--ssh-address", "h:22", "--bytes-per-tick", "12"),
                bad("--bytes-per-tick must be at least 13, got 5", "workspace-traffic", "--app", "echo", "--bytes-per-tick", "5"),
                bad("--tick-interval must be greater than zero", "workspace-traffic", "--tick-interval", "0s"),
                bad("--ssh needs --ssh-address HOST:PORT or --ssh-proxy-command", "workspace-traffic", "--ssh"),
                bad("--ssh-proxy-command: unknown placeholder {wrkspace} (the placeholders are {owner}, {workspace}, {user}, {host}, {port})",
                        "workspace-traffic", "--ssh", "--ssh-proxy-command", "coder ssh --stdio {owner}/{wrkspace}"),
                bad("--ssh-user: unknown placeholder {user} (the placeholders are {owner}, {workspace})",
                        "workspace-traffic", "--ssh", "--ssh-address", "h:22", "--ssh-user", "{user}"),
                bad("--ssh-user must not be empty", "workspace-traffic", "--ssh", "--ssh-address", "h:22", "--ssh-user", " "),
                bad("--ssh-strict-host-key-checking and --ssh-insecure-accept-any-host-key contradict each other", "workspace-traffic", "--ssh",
                        "--ssh-proxy-command", "coder ssh --stdio {owner}/{workspace}", "--ssh-strict-host-key-checking", "--ssh-insecure-accept-any-host-key"),
                bad("--ssh-address must be host:port", "workspace-traffic", "--ssh", "--ssh-address", "host"),
                bad("--disable-direct / --disable-direct-connections (or their environment variables) cannot apply to --ssh-address alone",
                        "workspace-traffic", "--ssh", "--ssh-address", "h:22", "--disable-direct"),
                bad("--disable-direct / --disable-direct-connections (or their environment variables) cannot apply to --ssh-address alone",
                        "--disable-direct-connections", "workspace-traffic", "--ssh", "--ssh-address", "h:22"),
                bad("invalid target workspaces \"1:1\": start and end cannot be equal", "workspace-traffic", "--target-workspaces", "1:1"),
                bad("Unknown option: '--bogus'", "create-workspaces", "--bogus"),
                bad("Unmatched argument", "no-such-command"),
                bad("Invalid value for option '--timeout': time: invalid duration \"ten\"", "create-workspaces", "-t", "x", "--timeout", "ten"),
                bad("Invalid value for option '--count': 'many' is not an int", "create-workspaces", "-t", "x", "--count", "many"),
                bad("Invalid value for option '--rate': 'fast' is not a rate: write N/s (e.g. 50/s), N/m, N/h or a bare N per second",
                        "create-workspaces", "-t", "x", "--rate", "fast"),
                bad("Invalid value for option '--rate': '0/s' must be a rate greater than 0", "workspace-traffic", "--rate", "0/s"),
                bad("--ramp-up needs --rate", "create-workspaces", "-t", "x", "--ramp-up", "1m"),
                bad("--concurrency must be 0 (unlimited) or more", "create-workspaces", "-t", "x", "--concurrency", "-1"),
                bad("--cleanup-concurrency must be 0 (unlimited) or more", "cleanup", "--cleanup-concurrency", "-2"),
                bad("--run-timeout must be greater than 0", "create-workspaces", "-t", "x", "--run-command", "true", "--run-timeout", "0s"),
                bad("'websocket' is not a WebSocket client", "workspace-traffic", "--ws-client", "websocket"),
                bad("--scaletest-prometheus-address has an invalid port", "workspace-traffic", "--scaletest-prometheus-address", "0.0.0.0:x"),
                bad("--workspace-proxy-url must be an http:// or https:// URL", "workspace-traffic", "--workspace-proxy-url", "proxy"),
                bad("--count must be greater than 0", "workspace-traffic", "--embedded", "--count", "0"),
                bad("Missing required parameter", "report", "render"),
                bad("Missing required subcommand", "report"),
                bad("Did you mean --count", "create-workspaces", "-t", "x", "--cont", "3"),
                bad("Invalid value for option '--connect-mode'", "create-workspaces", "-t", "x", "--connect-mode", "p2p"),
                bad("Invalid value for option '--connect-mode'", "create-workspaces", "-t", "x", "--connect-mode", ""));
    }

    private static Arguments bad(String message, String... args) {
        return Arguments.of(message, List.of(args));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badInputs")
    void badInputIsOneLineAndExitTwo(String message, List<String> args) {
        CliRun run = new CliRun().run(args.toArray(String[]::new));
        assertEquals(2, run.exit, run.err);
        assertEquals(1, run.errLines().size(), "exactly one line expected:\n" + run.err);
        String line = run.errLines().getFirst();
        assertTrue(line.startsWith("scaletest: "), line);
        assertTrue(line.contains(message), line);
        assertTrue(line.endsWith("--help' for usage."), line);
        assertFalse(line.contains("Exception"), line);
        assertEquals("", run.out);
        assertNull(run.launcher.called);
    }

    @Test
    void launcherExitCodesPassThrough() {
        for (int code : new int[] {ExitCodes.OK, ExitCodes.RUN_FAILED, ExitCodes.THRESHOLDS_FAILED}) {
            CliRun run = new CliRun();
            run.launcher.answering(code);
            assertEquals(code, run.run("create-workspaces", "-t", "x").exit);
        }
    }

    @Test
    void configProblemFoundByTheLauncherIsBadInput() {
        CliRun run = new CliRun();
        run.launcher.throwing(new ConfigException("could not find template \"nope\" in any organization"));
        run.run("create-workspaces", "-t", "nope");
        assertEquals(2, run.exit);
        assertEquals(List.of("scaletest: could not find template \"nope\" in any organization. Run 'scaletest create-workspaces --help' for usage."),
                run.errLines());
    }

    @Test
    void unexpectedLauncherFailureIsOneLineAndExitOne() {
        CliRun run = new CliRun();
        run.launcher.throwing(new IOException("connection reset\nby peer"));
        run.run("workspace-traffic");
        assertEquals(1, run.exit);
        assertEquals(List.of("scaletest: connection reset by peer."), run.errLines());
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun run = new CliRun();
        run.launcher.throwing(new IllegalStateException("boom"));
        run.run("cleanup", "--verbose");
        assertEquals(1, run.exit);
        assertEquals("scaletest: boom.", run.errLines().getFirst());
        assertTrue(run.err.contains("java.lang.IllegalStateException: boom"), run.err);
        assertTrue(run.errLines().size() > 1);
    }

    @Test
    void failureWithoutMessageNamesTheCause() {
        CliRun run = new CliRun();
        run.launcher.throwing(new RuntimeException(null, new IOException("disk full")));
        run.run("cleanup");
        assertEquals(List.of("scaletest: disk full."), run.errLines());
    }
}
