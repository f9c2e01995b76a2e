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

    /** True when the user has the site role {@code owner}. */
    boolean isSiteOwner(UUID userId);

    /** True when coderd's {@code --disable-owner-workspace-access} is on. */
    boolean ownerWorkspaceAccessDisabled();

    /**
     * True when coderd's {@code --dangerous-allow-path-app-site-owner-access} is on; off by
     * default, as in coderd.
     */
    default boolean pathAppSiteOwnerAccessAllowed() {
        return false;
    }

    /**
     * Whether the user may open a path-based app of the agent's workspace: coderd's workspace-app
     * authorisation checks its path-app rule first (only the workspace's owner, unless the
     * dangerous flag is on), then the connect permission of {@link #connectAccess}.
     */
    default ConnectAccess pathAppAccess(UUID userId, AgentTarget agent) {
        if (!agent.ownerId().equals(userId) && !pathAppSiteOwnerAccessAllowed()) {
            return ConnectAccess.PATH_APP_OWNER_ONLY;
        }
        return connectAccess(userId, agent);
    }

    /**
     * Whether the user may connect to the agent's workspace: coderd's {@code ssh} and
     * {@code application_connect} permissions, which the workspace's owner always has and site
     * owners have on every workspace unless {@code --disable-owner-workspace-access} removes them.
     */
    default ConnectAccess connectAccess(UUID userId, AgentTarget agent) {
        if (agent.ownerId().equals(userId)) {
            return ConnectAccess.GRANTED;
        }
        if (!isSiteOwner(userId)) {
            return ConnectAccess.NOT_PERMITTED;
        }
        return ownerWorkspaceAccessDisabled() ? ConnectAccess.OWNER_ACCESS_DISABLED : ConnectAccess.GRANTED;
    }
}
