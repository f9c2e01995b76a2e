package dev.scaletest.scenarios.createworkspaces;

import dev.scaletest.coder.model.Workspace;
import java.util.Objects;

/**
 * A workspace a create run brought up, with the session token of its owner (the user the run
 * created, or the caller with {@code --use-host-login}): traffic can go through it as that owner.
 * The token is valid while the user exists, so until the undo phase deletes it.
 *
 * @param index     the number of the run that created it ({@code workspacebuild/<index>}), as in the whole run
 * @param workspace as last read, once its agents were connected (with their apps)
 */
public record ReadyWorkspace(int index, Workspace workspace, String ownerToken) {
    public ReadyWorkspace {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(ownerToken, "ownerToken");
    }

    @Override
    public String toString() {
        return "ReadyWorkspace[index=" + index + ", workspace=" + workspace.name() + "]";
    }
}
