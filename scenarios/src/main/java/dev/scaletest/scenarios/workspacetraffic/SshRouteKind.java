package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.scenarios.ConfigException;

/**
 * The three ways {@code --ssh} reaches a workspace, and what each does by default with the Coder
 * session token and with host keys.
 */
public enum SshRouteKind {
    /**
     * Neither {@code --ssh-address} nor {@code --ssh-proxy-command}, and the deployment offers an SSH
     * server of its own: the built-in simulator that {@code --embedded} started.
     */
    BUILT_IN_SIMULATOR,
    /** {@code --ssh-address} alone: an SSH server reached directly, such as a plain OpenSSH sshd. */
    ADDRESS,
    /** {@code --ssh-proxy-command}, normally {@code coder ssh --stdio {owner}/{workspace}}. */
    PROXY_COMMAND;

    static SshRouteKind of(SshAccess access, boolean targetOffersDirectSsh) {
        if (access.proxyCommand().isPresent()) {
            return PROXY_COMMAND;
        }
        if (access.address().isPresent()) {
            return ADDRESS;
        }
        if (targetOffersDirectSsh) {
            return BUILT_IN_SIMULATOR;
        }
        throw new ConfigException("--ssh needs --ssh-address or --ssh-proxy-command: without Coder's WireGuard network"
                + " the agents' SSH servers are reached through one of them");
    }

    /**
     * The session token is a password for every Coder API call: it goes to an SSH server only
     * where that server is known to be our own simulator (or {@code --ssh-password-from-token} asks).
     */
    boolean offersSessionToken() {
        return this == BUILT_IN_SIMULATOR;
    }

    /**
     * Through a proxy command, host keys are not checked unless asked: Coder's traffic client does
     * not verify the agent's key and {@code coder config-ssh} writes {@code StrictHostKeyChecking=no}
     * and {@code UserKnownHostsFile=/dev/null}: {@code coder ssh} itself sets up and authenticates
     * the connection to the agent, through coderd.
     */
    boolean checksHostKeys(boolean strictHostKeyChecking) {
        return this != PROXY_COMMAND || strictHostKeyChecking;
    }
}
