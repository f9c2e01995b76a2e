package dev.scaletest.simulator.agent;

import java.util.List;
import java.util.UUID;

/** A simulated workspace agent as the terminal, app and SSH endpoints see it at one moment. */
public record AgentTarget(
        UUID agentId,
        String agentName,
        UUID workspaceId,
        String workspaceName,
        UUID ownerId,
        String ownerName,
        String status,
        List<String> appSlugs) {

    public boolean connected() {
        return "connected".equals(status);
    }
}
