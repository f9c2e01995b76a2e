package dev.scaletest.coder.model;

import java.time.OffsetDateTime;

/** One build log line as sent on the build-log WebSocket (one JSON object per text frame). */
@ApiDefinition("codersdk.ProvisionerJobLog")
public record ProvisionerJobLog(
        long id,
        OffsetDateTime createdAt,
        String logSource,
        String logLevel,
        String stage,
        String output) {}
