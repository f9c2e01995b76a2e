package dev.scaletest.coder.model;

@ApiDefinition("codersdk.TemplateVersionParameterOption")
public record TemplateVersionParameterOption(String name, String description, String value, String icon) {}
