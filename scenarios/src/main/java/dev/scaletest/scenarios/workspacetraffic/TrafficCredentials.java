package dev.scaletest.scenarios.workspacetraffic;

/**
 * The session token a target's traffic is sent with (web terminal cookie, app header, SSH
 * password, the proxy command's {@code CODER_SESSION_TOKEN}): the caller's own, or with
 * {@code --as-workspace-owners} a token of the workspace's owner.
 */
@FunctionalInterface
public interface TrafficCredentials {
    String tokenFor(TrafficTarget target);

    /** Every target as the caller. */
    static TrafficCredentials caller(String sessionToken) {
        return target -> sessionToken;
    }
}
