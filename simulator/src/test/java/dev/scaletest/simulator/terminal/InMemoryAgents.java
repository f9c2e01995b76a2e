package dev.scaletest.simulator.terminal;

import dev.scaletest.simulator.agent.AgentDirectory;
import dev.scaletest.simulator.agent.AgentTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A deployment with a few workspaces and tokens, for endpoint tests. */
public final class InMemoryAgents implements AgentDirectory {
    private final Map<UUID, AgentTarget> agents = new ConcurrentHashMap<>();
    private final Map<String, UUID> tokens = new ConcurrentHashMap<>();
    private final Set<UUID> siteOwners = ConcurrentHashMap.newKeySet();
    private volatile boolean ownerWorkspaceAccessDisabled;

    /** Turns coderd's {@code --disable-owner-workspace-access} on or off. */
    public void ownerWorkspaceAccessDisabled(boolean disabled) {
        ownerWorkspaceAccessDisabled = disabled;
    }

    public AgentTarget addWorkspace(String ownerName, UUID ownerId, String workspaceName, String status) {
        AgentTarget agent = new AgentTarget(UUID.randomUUID(), "main", UUID.randomUUID(), workspaceName, ownerId,
                ownerName, status, List.of("echo"));
        agents.put(agent.agentId(), agent);
        return agent;
    }

    public void addToken(String token, UUID userId, boolean siteOwner) {
        tokens.put(token, userId);
        if (siteOwner) {
            siteOwners.add(userId);
        }
    }

    @Override
    public Optional<AgentTarget> agent(UUID agentId) {
        return Optional.ofNullable(agents.get(agentId));
    }

    @Override
    public Optional<AgentTarget> workspaceAgent(String ownerName, String workspaceName) {
        List<AgentTarget> matches = agents.values().stream()
                .filter(a -> a.workspaceName().equalsIgnoreCase(workspaceName))
                .filter(a -> ownerName == null || a.ownerName().equalsIgnoreCase(ownerName))
                .toList();
        return matches.size() == 1 ? Optional.of(matches.getFirst()) : Optional.empty();
    }

    @Override
    public Optional<UUID> userForToken(String token) {
        return Optional.ofNullable(tokens.get(token));
    }

    @Override
    public boolean isSiteOwner(UUID userId) {
        return siteOwners.contains(userId);
    }

    @Override
    public boolean ownerWorkspaceAccessDisabled() {
        return ownerWorkspaceAccessDisabled;
    }
}
