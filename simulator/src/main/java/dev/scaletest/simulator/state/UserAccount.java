package dev.scaletest.simulator.state;

import java.time.Instant;
import java.util.UUID;

/** A user of the simulated deployment; mutable fields are guarded by the {@link Deployment} lock. */
final class UserAccount {
    final UUID id;
    final String username;
    final String email;
    final String name;
    final String password;
    final Instant createdAt;
    final boolean siteOwner;
    Instant lastSeenAt;

    UserAccount(UUID id, String username, String email, String name, String password, Instant createdAt, boolean siteOwner) {
        this.id = id;
        this.username = username;
        this.email = email;
        this.name = name;
        this.password = password;
        this.createdAt = createdAt;
        this.siteOwner = siteOwner;
        this.lastSeenAt = createdAt;
    }
}
