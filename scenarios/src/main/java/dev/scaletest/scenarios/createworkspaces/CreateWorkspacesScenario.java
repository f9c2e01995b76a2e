package dev.scaletest.scenarios.createworkspaces;

import dev.scaletest.cli.CommonOptions;
import java.io.PrintStream;

/** Entry of the scenario for the command line (being built). */
public final class CreateWorkspacesScenario {
    public CreateWorkspacesScenario(CreateWorkspacesConfig config, CommonOptions common, PrintStream out, PrintStream err) {
    }

    public int run() throws Exception {
        throw new UnsupportedOperationException("CreateWorkspacesScenario is being built");
    }
}
