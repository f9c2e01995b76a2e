package dev.scaletest.cli;

import dev.scaletest.cli.embedded.SimulatorSettings;
import dev.scaletest.scenarios.cleanup.CleanupConfig;
import dev.scaletest.scenarios.createworkspaces.CreateWorkspacesConfig;
import dev.scaletest.scenarios.fullrun.FullRunConfig;
import dev.scaletest.scenarios.workspacetraffic.WorkspaceTrafficConfig;

/** Keeps what the command handed over; answers with a fixed exit status or throws a given exception. */
final class RecordingLauncher implements ScenarioLauncher {

    Object config;
    CommonOptions common;
    String called;
    int exitCode;
    Exception toThrow;

    RecordingLauncher answering(int code) {
        this.exitCode = code;
        return this;
    }

    RecordingLauncher throwing(Exception exception) {
        this.toThrow = exception;
        return this;
    }

    private int record(String name, Object config, CommonOptions common) throws Exception {
        this.called = name;
        this.config = config;
        this.common = common;
        if (toThrow != null) {
            throw toThrow;
        }
        return exitCode;
    }

    @Override
    public int createWorkspaces(CreateWorkspacesConfig config, CommonOptions common) throws Exception {
        return record("create-workspaces", config, common);
    }

    @Override
    public int workspaceTraffic(WorkspaceTrafficConfig config, CommonOptions common) throws Exception {
        return record("workspace-traffic", config, common);
    }

    @Override
    public int cleanup(CleanupConfig config, CommonOptions common) throws Exception {
        return record("cleanup", config, common);
    }

    @Override
    public int run(FullRunConfig config, CommonOptions common) throws Exception {
        return record("run", config, common);
    }

    @Override
    public int simulator(SimulatorSettings settings) throws Exception {
        return record("simulator", settings, null);
    }

    @Override
    public int reportRender(ReportRenderConfig config) throws Exception {
        return record("report render", config, null);
    }

    @Override
    public int reportMerge(ReportMergeConfig config) throws Exception {
        return record("report merge", config, null);
    }

    <T> T config(Class<T> type) {
        return type.cast(config);
    }
}
