package dev.scaletest.coder.model;

@ApiDefinition("codersdk.BuildInfoResponse")
public record BuildInfo(String version, String externalUrl, String dashboardUrl, boolean workspaceProxy, String deploymentId) {}
