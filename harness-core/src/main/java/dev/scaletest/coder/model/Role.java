package dev.scaletest.coder.model;

/** A role as listed in {@code User.roles}; {@code organization_id} is empty for site-wide roles. */
@ApiDefinition("codersdk.SlimRole")
public record Role(String name, String displayName, String organizationId) {
    public static final String OWNER = "owner";
    public static final String TEMPLATE_ADMIN = "template-admin";
}
