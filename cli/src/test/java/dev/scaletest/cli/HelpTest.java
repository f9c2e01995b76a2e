package dev.scaletest.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpTest {

    @Test
    void rootHelpListsCommandsAndGlobalFlags() {
        CliRun run = new CliRun().run("--help");
        assertEquals(0, run.exit);
        for (String expected : new String[] {"create-workspaces", "workspace-traffic", "cleanup", "simulator", "report",
                "--url", "--token", "--header", "--global-config", "--verbose", "--insecure-skip-verify", "--embedded",
                "--journal-dir", "--quiet", "--progress", "--version", "CODER_URL", "CODER_SESSION_TOKEN", "CODER_HEADER",
                "CODER_CONFIG_DIR", "--header-command", "CODER_HEADER_COMMAND", "--no-version-warning", "--no-feature-warning"}) {
            assertTrue(run.out.contains(expected), expected + " missing from:\n" + run.out);
        }
        assertTrue(run.out.contains("Load-tests a Coder deployment"));
        assertEquals("", run.err);
    }

    @Test
    void noSubcommandPrintsHelp() {
        CliRun run = new CliRun().run();
        assertEquals(0, run.exit);
        assertTrue(run.out.startsWith("Usage: scaletest"), run.out);
    }

    @Test
    void subcommandHelpShowsItsFlagsAndVariables() {
        CliRun run = new CliRun().run("workspace-traffic", "--help");
        assertEquals(0, run.exit);
        for (String expected : new String[] {"--bytes-per-tick", "CODER_SCALETEST_WORKSPACE_TRAFFIC_BYTES_PER_TICK", "--target-workspaces",
                "CODER_SCALETEST_TARGET_WORKSPACES", "--scaletest-prometheus-address", "--ws-client", "--url", "Environment:"}) {
            assertTrue(run.out.contains(expected), expected + " missing from:\n" + run.out);
        }
        assertFalse(run.out.contains("mixinStandardHelpOptions"), run.out);
        assertEquals(run.out.indexOf("Environment:"), run.out.lastIndexOf("Environment:"), "one environment section");
    }

    /** The root's client and run flags apply to the scenario commands only. */
    private static final String[] CLIENT_AND_RUN_FLAGS = {"--url", "--token", "--header", "--header-command", "--global-config",
        "--insecure-skip-verify", "--disable-direct-connections", "--no-version-warning", "--no-feature-warning", "--embedded",
        "--journal-dir", "--quiet", "--progress", "CODER_URL", "CODER_SESSION_TOKEN", "CODER_SCALETEST_EMBEDDED"};

    @Test
    void simulatorHelpListsOnlyTheSimulatorsFlags() {
        CliRun run = new CliRun().run("simulator", "--help");
        assertEquals(0, run.exit, run.err);
        for (String absent : CLIENT_AND_RUN_FLAGS) {
            assertFalse(run.out.contains(absent), absent + " listed in:\n" + run.out);
        }
        for (String absent : new String[] {"--threshold", "--abort-on-threshold", "--output", "--timeout", "--concurrency"}) {
            assertFalse(run.out.contains(absent), absent + " listed in:\n" + run.out);
        }
        for (String present : new String[] {"--listen", "--provisioners", "--fault-latency", "--ssh-listen", "--api-rate-limit",
                "--verbose", "--help", "--version"}) {
            assertTrue(run.out.contains(present), present + " missing from:\n" + run.out);
        }
    }

    @Test
    void reportHelpListsNoClientFlags() {
        for (String[] args : new String[][] {{"report", "--help"}, {"report", "render", "--help"}, {"report", "merge", "--help"},
                {"report", "schema", "--help"}}) {
            CliRun run = new CliRun().run(args);
            assertEquals(0, run.exit, run.err);
            for (String absent : CLIENT_AND_RUN_FLAGS) {
                assertFalse(run.out.contains(absent), absent + " listed by " + String.join(" ", args) + ":\n" + run.out);
            }
            assertTrue(run.out.contains("--verbose"), run.out);
        }
    }

    @Test
    void scenarioCommandsKeepTheRootFlags() {
        for (String command : new String[] {"create-workspaces", "workspace-traffic", "cleanup", "run"}) {
            CliRun run = new CliRun().run(command, "--help");
            for (String present : CLIENT_AND_RUN_FLAGS) {
                assertTrue(run.out.contains(present), present + " missing from " + command + ":\n" + run.out);
            }
        }
    }

    @Test
    void aClientFlagOnTheSimulatorIsAnUnknownOption() {
        CliRun run = new CliRun().run("simulator", "--url", "http://x");
        assertEquals(2, run.exit);
        assertEquals(1, run.errLines().size(), run.err);
        assertTrue(run.err.startsWith("scaletest: Unknown options: '--url', 'http://x'."), run.err);
        assertEquals(null, run.launcher.called);
    }

    @Test
    void reportHelpListsRenderAndMerge() {
        CliRun run = new CliRun().run("report", "--help");
        assertTrue(run.out.contains("render") && run.out.contains("merge"), run.out);
    }

    @Test
    void everyHelpTextFormatsWithoutPicocliWarnings() {
        // picocli reports a description it cannot format (a bare '%') on System.err and prints it raw.
        PrintStream original = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (String[] args : new String[][] {{"--help"}, {"create-workspaces", "--help"}, {"workspace-traffic", "--help"},
                    {"cleanup", "--help"}, {"simulator", "--help"}, {"report", "--help"}}) {
                assertEquals(0, new CliRun().run(args).exit, String.join(" ", args));
            }
        } finally {
            System.setErr(original);
        }
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
    }

    @Test
    void versionPrints() {
        CliRun run = new CliRun().run("--version");
        assertEquals(0, run.exit);
        assertTrue(run.out.startsWith("scaletest "), run.out);
    }
}
