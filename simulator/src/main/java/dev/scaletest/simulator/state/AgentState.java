package dev.scaletest.simulator.state;

import java.time.Instant;
import java.util.UUID;

/** A simulated workspace agent; mutable fields are guarded by the {@link Deployment} lock. */
final class AgentState {
    final UUID id;
    final String name;
    final UUID resourceId;
    final UUID appId;
    final BuildState build;
    final Instant createdAt;
    String status = "connecting";
    String lifecycle = "created";
    Instant firstConnectedAt;
    Instant lastConnectedAt;
    Instant disconnectedAt;
    Instant startedAt;
    Instant readyAt;
    Instant updatedAt;

    AgentState(UUID id, String name, UUID resourceId, BuildState build, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.resourceId = resourceId;
        this.appId = UUID.randomUUID();
        this.build = build;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }
}
