package dev.scaletest.scenarios.cleanup;

import dev.scaletest.cli.CommonOptions;
import java.io.PrintStream;

/** Entry of the scenario for the command line (being built). */
public final class CleanupScenario {
    public CleanupScenario(CleanupConfig config, CommonOptions common, PrintStream out, PrintStream err) {
    }

    public int run() throws Exception {
        throw new UnsupportedOperationException("CleanupScenario is being built");
    }
}
