package dev.scaletest.simulator.agent;

/** Whether a user may open a web terminal, app or SSH session on a workspace, and why not. */
public enum ConnectAccess {
    GRANTED,
    /** Neither the workspace's owner nor a site owner. */
    NOT_PERMITTED,
    /** A site owner on another user's workspace while coderd's {@code --disable-owner-workspace-access} is on. */
    OWNER_ACCESS_DISABLED;

    public boolean granted() {
        return this == GRANTED;
    }
}
