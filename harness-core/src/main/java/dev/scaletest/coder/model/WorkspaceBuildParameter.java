package dev.scaletest.coder.model;

@ApiDefinition("codersdk.WorkspaceBuildParameter")
public record WorkspaceBuildParameter(String name, String value) {}
