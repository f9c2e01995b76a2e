package dev.scaletest.simulator.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One workspace build; mutable fields are guarded by the {@link Deployment} lock. */
final class BuildState {
    final UUID id;
    final WorkspaceState workspace;
    final int number;
    final String transition;
    final UUID initiatorId;
    final Instant createdAt;
    final JobState job;
    /** Agents of the build's resources; filled when a start build succeeds. */
    final List<AgentState> agents = new ArrayList<>();
    UUID resourceId;
    Instant updatedAt;

    BuildState(UUID id, WorkspaceState workspace, int number, String transition, UUID initiatorId, Instant createdAt) {
        this.id = id;
        this.workspace = workspace;
        this.number = number;
        this.transition = transition;
        this.initiatorId = initiatorId;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.job = new JobState(UUID.randomUUID(), createdAt, this);
    }

    /** The workspace status coderd derives from the job status and the transition. */
    String status() {
        return switch (job.status) {
            case "pending" -> "pending";
            case "running" -> switch (transition) {
                case "stop" -> "stopping";
                case "delete" -> "deleting";
                default -> "starting";
            };
            case "succeeded" -> switch (transition) {
                case "stop" -> "stopped";
                case "delete" -> "deleted";
                default -> "running";
            };
            case "canceling" -> "canceling";
            case "canceled" -> "canceled";
            default -> "failed";
        };
    }
}
