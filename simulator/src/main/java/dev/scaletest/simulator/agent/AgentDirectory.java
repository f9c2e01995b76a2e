package dev.scaletest.simulator.agent;

import java.util.Optional;
import java.util.UUID;

/**
 * What the web terminal, app and SSH endpoints need from the simulated deployment; the API state
 * implements it. All lookups are safe from any thread.
 */
public interface AgentDirectory {
    /** The agent with this id, when its workspace exists and is not deleted. */
    Optional<AgentTarget> agent(UUID agentId);

    /**
     * The first agent of a workspace named by its owner's username (null: any owner, if the name
     * is unique) and the workspace name; case-insensitive as coderd.
     */
    Optional<AgentTarget> workspaceAgent(String ownerName, String workspaceName);

    /** The user a session token belongs to. */
    Optional<UUID> userForToken(String token);

    /** True when the user has the site role {@code owner} (an owner may reach every workspace). */
    boolean isSiteOwner(UUID userId);
}
