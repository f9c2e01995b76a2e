package dev.scaletest.coder.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApiDefinition("codersdk.WorkspaceResource")
public record WorkspaceResource(
        UUID id,
        UUID jobId,
        String name,
        String type,
        String workspaceTransition,
        boolean hide,
        OffsetDateTime createdAt,
        List<WorkspaceAgent> agents) {

    public WorkspaceResource {
        agents = agents == null ? List.of() : List.copyOf(agents);
    }
}
