package dev.scaletest.coder.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A workspace agent; {@code status} and {@code lifecycle_state} stay strings so newer values parse. */
@ApiDefinition("codersdk.WorkspaceAgent")
public record WorkspaceAgent(
        UUID id,
        String name,
        String status,
        String lifecycleState,
        UUID resourceId,
        String operatingSystem,
        String architecture,
        String version,
        String apiVersion,
        OffsetDateTime createdAt,
        OffsetDateTime firstConnectedAt,
        OffsetDateTime lastConnectedAt,
        OffsetDateTime disconnectedAt,
        List<WorkspaceApp> apps) {

    public static final String CONNECTING = "connecting";
    public static final String CONNECTED = "connected";
    public static final String DISCONNECTED = "disconnected";
    public static final String TIMEOUT = "timeout";

    public static final String LIFECYCLE_CREATED = "created";
    public static final String LIFECYCLE_STARTING = "starting";
    public static final String LIFECYCLE_START_TIMEOUT = "start_timeout";
    public static final String LIFECYCLE_START_ERROR = "start_error";
    public static final String LIFECYCLE_READY = "ready";
    public static final String LIFECYCLE_SHUTTING_DOWN = "shutting_down";
    public static final String LIFECYCLE_SHUTDOWN_TIMEOUT = "shutdown_timeout";
    public static final String LIFECYCLE_SHUTDOWN_ERROR = "shutdown_error";
    public static final String LIFECYCLE_OFF = "off";

    public WorkspaceAgent {
        apps = apps == null ? List.of() : List.copyOf(apps);
    }

    public boolean connected() {
        return CONNECTED.equals(status);
    }

    public Optional<WorkspaceApp> app(String slug) {
        return apps.stream().filter(a -> slug.equals(a.slug())).findFirst();
    }
}
