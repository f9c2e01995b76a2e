package dev.scaletest.simulator.agent;

/** Whether a user may open a web terminal, app or SSH session on a workspace, and why not. */
public enum ConnectAccess {
    GRANTED,
    /** Neither the workspace's owner nor a site owner. */
    NOT_PERMITTED,
    /** A site owner on another user's workspace while coderd's {@code --disable-owner-workspace-access} is on. */
    OWNER_ACCESS_DISABLED,
    /**
     * A path-based app of a workspace the caller does not own, while coderd's
     * {@code --dangerous-allow-path-app-site-owner-access} is off (its default): coderd forces
     * path apps to sharing level "owner" and lets only the workspace's owner in, site owners included.
     */
    PATH_APP_OWNER_ONLY;

    public boolean granted() {
        return this == GRANTED;
    }
}
