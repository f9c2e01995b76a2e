package dev.scaletest.scenarios.createworkspaces;

import dev.scaletest.coder.model.Workspace;
import java.util.Objects;

/**
 * A workspace a create run brought up, with the session token of its owner (the user the run
 * created, or the caller with {@code --use-host-login}): traffic can go through it as that owner.
 * The token is valid while the user exists, so until the undo phase deletes it.
 */
public record ReadyWorkspace(Workspace workspace, String ownerToken) {
    public ReadyWorkspace {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(ownerToken, "ownerToken");
    }

    @Override
    public String toString() {
        return "ReadyWorkspace[workspace=" + workspace.name() + "]";
    }
}
