package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.coder.model.Workspace;
import dev.scaletest.coder.model.WorkspaceAgent;
import dev.scaletest.coder.model.WorkspaceApp;
import java.util.Objects;
import java.util.Optional;

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

    /** The agent's app with this slug, if it has one. */
    public Optional<WorkspaceApp> app(String slug) {
        return agent.apps() == null ? Optional.empty() : agent.apps().stream().filter(a -> slug.equals(a.slug())).findFirst();
    }

    public String label() {
        return ownerName() + "/" + workspaceName() + "." + agentName();
    }
}
