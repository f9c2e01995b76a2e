package dev.scaletest.coder.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApiDefinition("codersdk.User")
public record User(
        UUID id,
        String username,
        String email,
        String name,
        OffsetDateTime createdAt,
        OffsetDateTime lastSeenAt,
        String status,
        String loginType,
        List<UUID> organizationIds,
        List<Role> roles) {

    public static final String STATUS_ACTIVE = "active";
    public static final String STATUS_DORMANT = "dormant";
    public static final String STATUS_SUSPENDED = "suspended";

    public User {
        organizationIds = organizationIds == null ? List.of() : List.copyOf(organizationIds);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** Whether the user holds the site-wide {@code owner} role (the only role allowed to scale test). */
    public boolean siteOwner() {
        return roles.stream().anyMatch(r -> Role.OWNER.equals(r.name()));
    }
}
