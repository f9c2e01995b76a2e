package dev.scaletest.cli;

import dev.scaletest.cli.embedded.SimulatorSettings;
import dev.scaletest.harness.ExitCodes;
import dev.scaletest.scenarios.cleanup.CleanupConfig;
import dev.scaletest.scenarios.createworkspaces.CreateWorkspacesConfig;
import dev.scaletest.scenarios.fullrun.FullRunConfig;
import dev.scaletest.scenarios.workspacetraffic.WorkspaceTrafficConfig;

/**
 * Runs what a command asked for, once its input is parsed and checked. Every method returns the
 * exit status: {@link ExitCodes#OK}, {@link ExitCodes#RUN_FAILED} when a run failed,
 * {@link ExitCodes#THRESHOLDS_FAILED} when a threshold failed. Throwing
 * {@link dev.scaletest.scenarios.ConfigException} reports a problem the user must fix (exit 2);
 * any other exception is reported in one line with exit 1.
 */
public interface ScenarioLauncher {

    int createWorkspaces(CreateWorkspacesConfig config, CommonOptions common) throws Exception;

    int workspaceTraffic(WorkspaceTrafficConfig config, CommonOptions common) throws Exception;

    int cleanup(CleanupConfig config, CommonOptions common) throws Exception;

    /** {@code scaletest run}: create, traffic and cleanup with one report. */
    int run(FullRunConfig config, CommonOptions common) throws Exception;

    /** Runs the simulator in the foreground until the process is interrupted. */
    int simulator(SimulatorSettings settings) throws Exception;

    int reportRender(ReportRenderConfig config) throws Exception;

    int reportMerge(ReportMergeConfig config) throws Exception;
}
