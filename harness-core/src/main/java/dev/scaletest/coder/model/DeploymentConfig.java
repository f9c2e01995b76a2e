package dev.scaletest.coder.model;

/** Only the part of {@code GET /deployment/config} scaletest reads. */
@ApiDefinition("codersdk.DeploymentConfig")
public record DeploymentConfig(Values config) {

    @ApiDefinition("codersdk.DeploymentValues")
    public record Values(boolean disableOwnerWorkspaceExec, Dangerous dangerous) {}

    /** coderd's {@code --dangerous-*} flags scaletest has to know about. */
    @ApiDefinition("codersdk.DangerousConfig")
    public record Dangerous(boolean allowPathAppSiteOwnerAccess) {}

    public boolean ownerWorkspaceExecDisabled() {
        return config != null && config.disableOwnerWorkspaceExec();
    }

    /**
     * True when coderd runs with {@code --dangerous-allow-path-app-site-owner-access}: site owners
     * may then open other users' path-based apps. Off (coderd's default) when the field is absent.
     */
    public boolean pathAppSiteOwnerAccessAllowed() {
        return config != null && config.dangerous() != null && config.dangerous().allowPathAppSiteOwnerAccess();
    }
}
