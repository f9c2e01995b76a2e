package dev.scaletest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.scenarios.workspacetraffic.WorkspaceTrafficConfig;
import org.junit.jupiter.api.Test;

/** {@code workspace-traffic --as-workspace-owners}: off by default, on by flag or environment, explained in the help. */
class AsWorkspaceOwnersFlagTest {
    @Test
    void offByDefaultOnByFlagOrEnvironment() {
        assertFalse(new CliRun().run("workspace-traffic").config(WorkspaceTrafficConfig.class).asWorkspaceOwners());
        assertTrue(new CliRun().run("workspace-traffic", "--as-workspace-owners", "--app", "echo")
                .config(WorkspaceTrafficConfig.class).asWorkspaceOwners());
        CliRun fromEnv = new CliRun().env("CODER_SCALETEST_WORKSPACE_TRAFFIC_AS_WORKSPACE_OWNERS", "true").run("workspace-traffic");
        assertEquals(0, fromEnv.exit, fromEnv.err);
        assertTrue(fromEnv.config(WorkspaceTrafficConfig.class).asWorkspaceOwners());
    }

    @Test
    void theHelpSaysWhatItIsFor() {
        String help = new CliRun().run("workspace-traffic", "--help").out.replaceAll("\\s+", " ");
        for (String expected : new String[] {"--as-workspace-owners", "CODER_SCALETEST_WORKSPACE_TRAFFIC_AS_WORKSPACE_OWNERS",
                "--dangerous-allow-path-app-site-owner-access", "--disable-owner-workspace-access", "scaletest-<run id>"}) {
            assertTrue(help.contains(expected), expected + " missing from: " + help);
        }
    }
}
