package dev.scaletest.scenarios.cleanup;

import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.model.CreateWorkspaceBuildRequest;
import dev.scaletest.coder.model.WorkspaceBuild;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.harness.RunLog;
import dev.scaletest.scenarios.BuildWaiter;
import java.util.UUID;

/**
 * Coder's workspace cleanup procedure: skip a workspace that is gone, cancel an active build and
 * wait for it, then start a delete build and wait for it to succeed. Waiting follows each build as
 * {@link BuildWaiter} does (its logs, not a poll every few hundred milliseconds), so deleting a
 * thousand workspaces at once does not flood coderd with build lookups. A failed delete build is
 * started again, up to {@link #DELETE_ATTEMPTS}; a canceled one (someone canceled it) is not.
 */
public final class WorkspaceDeletion {
    /**
     * Delete builds started per workspace: a failed one (a provisioner error) leaves the workspace
     * in place and is started again, as an operator would; Coder's tool gives up after the first.
     */
    static final int DELETE_ATTEMPTS = 3;

    private final BuildWaiter builds;

    public WorkspaceDeletion(BuildWaiter builds) {
        this.builds = builds;
    }

    /**
     * Deletes {@code workspace} acting as {@code client}'s identity: the workspace's user where the
     * run has one (as Coder's tool does), the owner otherwise. Returns false when it no longer exists.
     */
    public boolean delete(CoderClient client, UUID workspace, RunLog log) throws CoderApiException, InterruptedException {
        WorkspaceBuild latest;
        try {
            latest = client.workspace(workspace).latestBuild();
        } catch (CoderApiException e) {
            if (e.gone()) {
                log.println("workspace not found, skipping delete");
                return false;
            }
            throw e;
        }
        if (latest.job().active()) {
            try {
                client.cancelBuild(latest.id());
            } catch (CoderApiException e) {
                log.println("cancel build " + latest.id() + ": " + e.getMessage());
            }
            // Its outcome does not matter (normally "canceled"); only that it no longer runs.
            builds.await(client, latest, log);
        }
        for (int attempt = 1; ; attempt++) {
            WorkspaceBuild delete;
            try {
                delete = client.createBuild(workspace, CreateWorkspaceBuildRequest.delete(), latest);
            } catch (CoderApiException e) {
                if (e.gone()) {
                    // Our delete build ran and finished while its lost answer was being looked into.
                    log.println("workspace deleted");
                    return true;
                }
                throw new IllegalStateException("delete workspace " + workspace + ": " + e.getMessage(), e);
            }
            WorkspaceBuild done = builds.await(client, delete, log);
            if (done.job().succeeded()) {
                return true;
            }
            String failure = "delete build " + done.id() + " of workspace " + workspace + " ended " + done.job().status() + ": "
                    + done.job().errorText();
            if (attempt == DELETE_ATTEMPTS || done.job().canceled()) {
                throw new IllegalStateException("wait for build: " + failure);
            }
            log.println(failure + "; deleting again (" + (attempt + 1) + "/" + DELETE_ATTEMPTS + ")");
            latest = done;
        }
    }
}
