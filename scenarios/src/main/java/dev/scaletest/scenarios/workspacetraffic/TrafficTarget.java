package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.coder.model.Workspace;
import dev.scaletest.coder.model.WorkspaceAgent;
import java.util.Objects;

/** One workspace that receives traffic, and the agent chosen for it (Coder's §4.2 rule). */
public record TrafficTarget(Workspace workspace, WorkspaceAgent agent) {
    public TrafficTarget {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(agent, "agent");
    }

    public String ownerName() {
        return workspace.ownerName();
    }

    public String workspaceName() {
        return workspace.name();
    }

    public String agentName() {
        return agent.name();
    }

    public String label() {
        return ownerName() + "/" + workspaceName() + "." + agentName();
    }
}
