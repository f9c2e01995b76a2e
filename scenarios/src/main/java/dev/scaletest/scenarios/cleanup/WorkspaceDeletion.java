package dev.scaletest.scenarios.cleanup;

import dev.scaletest.coder.CoderApiException;
import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.model.CreateWorkspaceBuildRequest;
import dev.scaletest.coder.model.WorkspaceBuild;
import dev.scaletest.harness.RunLog;
import java.time.Duration;
import java.util.UUID;

/**
 * Coder's workspace cleanup procedure: skip a workspace that is gone, cancel an active build and
 * wait for it, then start a delete build and wait for it to succeed.
 */
public final class WorkspaceDeletion {
    private static final Duration POLL = Duration.ofMillis(250);

    private final CoderClient client;

    public WorkspaceDeletion(CoderClient client) {
        this.client = client;
    }

    /** Returns false when the workspace no longer exists. */
    public boolean delete(UUID workspace, RunLog log) throws CoderApiException, InterruptedException {
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
            await(client.build(latest.id()));
        }
        WorkspaceBuild delete;
        try {
            delete = client.createBuild(workspace, CreateWorkspaceBuildRequest.delete());
        } catch (CoderApiException e) {
            throw new IllegalStateException("delete workspace " + workspace + ": " + e.getMessage(), e);
        }
        WorkspaceBuild done = await(delete);
        if (!done.job().succeeded()) {
            throw new IllegalStateException("wait for build: delete build " + done.id() + " of workspace " + workspace
                    + " ended " + done.job().status() + ": " + done.job().errorText());
        }
        return true;
    }

    private WorkspaceBuild await(WorkspaceBuild build) throws CoderApiException, InterruptedException {
        while (build.job().active()) {
            Thread.sleep(POLL);
            build = client.build(build.id());
        }
        return build;
    }
}
