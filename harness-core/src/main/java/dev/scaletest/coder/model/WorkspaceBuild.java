package dev.scaletest.coder.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApiDefinition("codersdk.WorkspaceBuild")
public record WorkspaceBuild(
        UUID id,
        UUID workspaceId,
        String workspaceName,
        UUID workspaceOwnerId,
        String workspaceOwnerName,
        UUID templateVersionId,
        int buildNumber,
        String transition,
        String status,
        String reason,
        UUID initiatorId,
        ProvisionerJob job,
        List<WorkspaceResource> resources,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static final String TRANSITION_START = "start";
    public static final String TRANSITION_STOP = "stop";
    public static final String TRANSITION_DELETE = "delete";

    /** Values of {@code status} (the workspace status this build gives). */
    public static final String STATUS_PENDING = "pending";
    public static final String STATUS_STARTING = "starting";
    public static final String STATUS_RUNNING = "running";
    public static final String STATUS_STOPPING = "stopping";
    public static final String STATUS_STOPPED = "stopped";
    public static final String STATUS_FAILED = "failed";
    public static final String STATUS_CANCELING = "canceling";
    public static final String STATUS_CANCELED = "canceled";
    public static final String STATUS_DELETING = "deleting";
    public static final String STATUS_DELETED = "deleted";

    public WorkspaceBuild {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** Every agent of every resource, in server order. */
    public List<WorkspaceAgent> agents() {
        return resources.stream().flatMap(r -> r.agents().stream()).toList();
    }

    /** The first agent of the first resource that has agents (how create-workspaces picks one). */
    public Optional<WorkspaceAgent> firstAgent() {
        return resources.stream().filter(r -> !r.agents().isEmpty()).findFirst().map(r -> r.agents().getFirst());
    }

    /**
     * The first agent of the last resource that has agents (how workspace-traffic picks one: it
     * remembers the first agent of every resource and keeps the last remembered).
     */
    public Optional<WorkspaceAgent> trafficAgent() {
        WorkspaceAgent chosen = null;
        for (WorkspaceResource r : resources) {
            if (!r.agents().isEmpty()) {
                chosen = r.agents().getFirst();
            }
        }
        return Optional.ofNullable(chosen);
    }

    /** True when the build's job is absent or still active. */
    public boolean jobActive() {
        return job == null || job.active();
    }
}
