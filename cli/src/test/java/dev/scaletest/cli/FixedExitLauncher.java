package dev.scaletest.cli;

import dev.scaletest.cli.embedded.SimulatorSettings;
import dev.scaletest.scenarios.cleanup.CleanupConfig;
import dev.scaletest.scenarios.createworkspaces.CreateWorkspacesConfig;
import dev.scaletest.scenarios.fullrun.FullRunConfig;
import dev.scaletest.scenarios.workspacetraffic.WorkspaceTrafficConfig;

/** A launcher that answers {@link #EXIT} everywhere. */
final class FixedExitLauncher implements ScenarioLauncher {

    static final int EXIT = 42;

    @Override
    public int createWorkspaces(CreateWorkspacesConfig config, CommonOptions common) {
        return EXIT;
    }

    @Override
    public int workspaceTraffic(WorkspaceTrafficConfig config, CommonOptions common) {
        return EXIT;
    }

    @Override
    public int cleanup(CleanupConfig config, CommonOptions common) {
        return EXIT;
    }

    @Override
    public int run(FullRunConfig config, CommonOptions common) {
        return EXIT;
    }

    @Override
    public int simulator(SimulatorSettings settings) {
        return EXIT;
    }

    @Override
    public int reportRender(ReportRenderConfig config) {
        return EXIT;
    }

    @Override
    public int reportMerge(ReportMergeConfig config) {
        return EXIT;
    }
}
