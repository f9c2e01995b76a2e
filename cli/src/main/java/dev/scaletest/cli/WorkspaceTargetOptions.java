package dev.scaletest.cli;

import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.TargetRange;
import dev.scaletest.scenarios.WorkspaceTargets;
import picocli.CommandLine.Option;

import java.util.Optional;

/** Coder's workspace target flag group: which existing scaletest workspaces to work on. */
public final class WorkspaceTargetOptions {

    @Option(names = {"-t", "--template"}, descriptionKey = "CODER_SCALETEST_TEMPLATE", paramLabel = "NAME|ID",
            description = "Only workspaces of this template (name or ID).")
    String template;

    @Option(names = "--target-workspaces", descriptionKey = "CODER_SCALETEST_TARGET_WORKSPACES", paramLabel = "START:END",
            description = "Only this slice (END exclusive) of the scaletest workspaces, in server order.")
    String targetWorkspaces;

    @Option(names = "--use-host-login", descriptionKey = "CODER_SCALETEST_USE_HOST_LOGIN",
            description = "Only workspaces owned by the logged-in user.")
    boolean useHostLogin;

    WorkspaceTargets toTargets() {
        Optional<String> templateValue = template == null || template.isBlank() ? Optional.empty() : Optional.of(template.trim());
        return new WorkspaceTargets(templateValue, range(), useHostLogin);
    }

    /** Coder's wording ("invalid target workspaces ..."), led by the flag so a value from the environment is traced too. */
    private TargetRange range() {
        try {
            return TargetRange.parse("workspaces", targetWorkspaces);
        } catch (ConfigException e) {
            throw new ConfigException("--target-workspaces: " + e.getMessage());
        }
    }
}
