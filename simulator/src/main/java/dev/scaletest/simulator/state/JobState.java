package dev.scaletest.simulator.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A provisioner job of one workspace build; mutable fields are guarded by the {@link Deployment} lock. */
final class JobState {
    final UUID id;
    final Instant createdAt;
    final BuildState build;
    final List<LogLine> logs = new ArrayList<>();
    final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    String status = "pending";
    String error;
    Instant startedAt;
    Instant completedAt;
    Instant canceledAt;
    UUID workerId;
    String workerName;

    JobState(UUID id, Instant createdAt, BuildState build) {
        this.id = id;
        this.createdAt = createdAt;
        this.build = build;
    }

    boolean active() {
        return "pending".equals(status) || "running".equals(status) || "canceling".equals(status);
    }

    record LogLine(long id, Instant createdAt, String source, String level, String stage, String output) {
    }
}
