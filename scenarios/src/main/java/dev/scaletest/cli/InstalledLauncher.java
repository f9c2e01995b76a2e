package dev.scaletest.cli;

import dev.scaletest.cli.embedded.SimulatorSettings;
import dev.scaletest.scenarios.cleanup.CleanupConfig;
import dev.scaletest.scenarios.createworkspaces.CreateWorkspacesConfig;
import dev.scaletest.scenarios.workspacetraffic.WorkspaceTrafficConfig;

import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * The launcher registered in {@code META-INF/services/dev.scaletest.cli.ScenarioLauncher}, looked
 * up when a command first needs it, so help, version and input checks work in any build.
 */
final class InstalledLauncher implements ScenarioLauncher {

    private final ClassLoader classLoader;
    private ScenarioLauncher delegate;

    InstalledLauncher(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    private synchronized ScenarioLauncher delegate() {
        if (delegate == null) {
            Iterator<ScenarioLauncher> found = ServiceLoader.load(ScenarioLauncher.class, classLoader).iterator();
            if (!found.hasNext()) {
                throw new IllegalStateException("this build of scaletest has no scenario launcher (no META-INF/services/"
                        + ScenarioLauncher.class.getName() + " on the class path)");
            }
            delegate = found.next();
        }
        return delegate;
    }

    @Override
    public int createWorkspaces(CreateWorkspacesConfig config, CommonOptions common) throws Exception {
        return delegate().createWorkspaces(config, common);
    }

    @Override
    public int workspaceTraffic(WorkspaceTrafficConfig config, CommonOptions common) throws Exception {
        return delegate().workspaceTraffic(config, common);
    }

    @Override
    public int cleanup(CleanupConfig config, CommonOptions common) throws Exception {
        return delegate().cleanup(config, common);
    }

    @Override
    public int simulator(SimulatorSettings settings) throws Exception {
        return delegate().simulator(settings);
    }

    @Override
    public int reportRender(ReportRenderConfig config) throws Exception {
        return delegate().reportRender(config);
    }

    @Override
    public int reportMerge(ReportMergeConfig config) throws Exception {
        return delegate().reportMerge(config);
    }
}
