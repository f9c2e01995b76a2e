package dev.scaletest.simulator.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A workspace; mutable fields are guarded by the {@link Deployment} lock. */
final class WorkspaceState {
    final UUID id;
    final String name;
    final UserAccount owner;
    final TemplateDefinition template;
    final Instant createdAt;
    final String autostartSchedule;
    final Long ttlMs;
    final List<BuildState> builds = new ArrayList<>();
    Instant updatedAt;
    boolean deleted;

    WorkspaceState(UUID id, String name, UserAccount owner, TemplateDefinition template, Instant createdAt,
                   String autostartSchedule, Long ttlMs) {
        this.id = id;
        this.name = name;
        this.owner = owner;
        this.template = template;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.autostartSchedule = autostartSchedule;
        this.ttlMs = ttlMs;
    }

    BuildState latestBuild() {
        return builds.get(builds.size() - 1);
    }
}
