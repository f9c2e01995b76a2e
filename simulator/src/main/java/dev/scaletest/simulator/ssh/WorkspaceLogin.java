package dev.scaletest.simulator.ssh;

import dev.scaletest.simulator.agent.AgentDirectory;
import dev.scaletest.simulator.agent.AgentTarget;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * Who may open a session on which workspace. The SSH user names the workspace as
 * {@code <owner>.<workspace>}, {@code <workspace>.<agent>} or {@code <workspace>}; the password is
 * a session token of a user who may connect to the workspace (its owner, or a site owner unless
 * {@code --disable-owner-workspace-access} is on, see {@link AgentDirectory#connectAccess}); an
 * authorized public key, which names no user, opens any workspace. The workspace's agent must be connected.
 */
final class WorkspaceLogin implements PasswordAuthenticator, PublickeyAuthenticator {
    /** The agent a session logged in to, for the commands it runs. */
    static final AttributeRepository.AttributeKey<AgentTarget> AGENT = new AttributeRepository.AttributeKey<>();

    private final AgentDirectory agents;
    private final List<PublicKey> authorizedKeys;

    WorkspaceLogin(AgentDirectory agents, List<PublicKey> authorizedKeys) {
        this.agents = agents;
        this.authorizedKeys = authorizedKeys;
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        Optional<AgentTarget> agent = workspace(username);
        Optional<UUID> user = agents.userForToken(password);
        if (agent.isEmpty() || user.isEmpty()) {
            return false;
        }
        if (!agents.connectAccess(user.get(), agent.get()).granted()) {
            return false;
        }
        return admit(agent.get(), session);
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        boolean authorized = authorizedKeys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key));
        Optional<AgentTarget> agent = workspace(username);
        return authorized && agent.isPresent() && admit(agent.get(), session);
    }

    private static boolean admit(AgentTarget agent, ServerSession session) {
        if (!agent.connected()) {
            return false;
        }
        session.setAttribute(AGENT, agent);
        return true;
    }

    /** Resolves the user name to a workspace's agent, trying the dotted forms in turn. */
    Optional<AgentTarget> workspace(String username) {
        int dot = username.indexOf('.');
        if (dot < 0) {
            return agents.workspaceAgent(null, username);
        }
        String first = username.substring(0, dot);
        String second = username.substring(dot + 1);
        Optional<AgentTarget> byOwner = agents.workspaceAgent(first, second);
        if (byOwner.isPresent()) {
            return byOwner;
        }
        return agents.workspaceAgent(null, first).filter(agent -> agent.agentName().equalsIgnoreCase(second));
    }
}
