package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.cli.CommonOptions;
import java.io.PrintStream;

/** Entry of the scenario for the command line (being built). */
public final class WorkspaceTrafficScenario {
    public WorkspaceTrafficScenario(WorkspaceTrafficConfig config, CommonOptions common, PrintStream out, PrintStream err) {
    }

    public int run() throws Exception {
        throw new UnsupportedOperationException("WorkspaceTrafficScenario is being built");
    }
}
