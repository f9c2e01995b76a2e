package dev.scaletest.coder.model;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The provisioner job behind a build; {@code status} is kept as a string so newer values parse. */
@ApiDefinition("codersdk.ProvisionerJob")
public record ProvisionerJob(
        UUID id,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime completedAt,
        OffsetDateTime canceledAt,
        String error,
        String errorCode,
        String status,
        UUID workerId,
        Integer queuePosition,
        Integer queueSize) {

    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String CANCELING = "canceling";
    public static final String CANCELED = "canceled";
    public static final String FAILED = "failed";
    public static final String UNKNOWN = "unknown";

    /** Pending, running or canceling: the job may still change. */
    public boolean active() {
        return PENDING.equals(status) || RUNNING.equals(status) || CANCELING.equals(status);
    }

    public boolean pending() {
        return PENDING.equals(status);
    }

    public boolean succeeded() {
        return SUCCEEDED.equals(status);
    }

    public boolean failed() {
        return FAILED.equals(status);
    }

    public boolean canceled() {
        return CANCELED.equals(status);
    }

    /** The job error, never null (Go renders a missing error as the empty string). */
    public String errorText() {
        return error == null ? "" : error;
    }
}
