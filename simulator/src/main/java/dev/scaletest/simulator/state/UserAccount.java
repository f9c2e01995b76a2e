package dev.scaletest.simulator.state;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** A user of the simulated deployment; mutable fields are guarded by the {@link Deployment} lock. */
final class UserAccount {
    final UUID id;
    final String username;
    final String email;
    final String name;
    final String password;
    final Instant createdAt;
    /** Site roles: {@code owner}, {@code template-admin}, {@code user-admin}, {@code auditor}. */
    final Set<String> roles = new TreeSet<>();
    Instant lastSeenAt;

    UserAccount(UUID id, String username, String email, String name, String password, Instant createdAt, boolean siteOwner) {
        this.id = id;
        this.username = username;
        this.email = email;
        this.name = name;
        this.password = password;
        this.createdAt = createdAt;
        if (siteOwner) {
            roles.add("owner");
        }
        this.lastSeenAt = createdAt;
    }

    boolean siteOwner() {
        return roles.contains("owner");
    }

    static final List<String> SITE_ROLES = List.of("owner", "template-admin", "user-admin", "auditor");

    static String displayName(String role) {
        return switch (role) {
            case "owner" -> "Owner";
            case "template-admin" -> "Template Admin";
            case "user-admin" -> "User Admin";
            default -> "Auditor";
        };
    }
}
