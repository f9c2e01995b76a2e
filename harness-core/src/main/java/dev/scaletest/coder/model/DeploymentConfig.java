package dev.scaletest.coder.model;

/** Only the part of {@code GET /deployment/config} scaletest reads. */
@ApiDefinition("codersdk.DeploymentConfig")
public record DeploymentConfig(Values config) {

    @ApiDefinition("codersdk.DeploymentValues")
    public record Values(boolean disableOwnerWorkspaceExec) {}

    public boolean ownerWorkspaceExecDisabled() {
        return config != null && config.disableOwnerWorkspaceExec();
    }
}
