package dev.scaletest.coder.model;

import java.time.OffsetDateTime;
import java.util.UUID;

@ApiDefinition("codersdk.Template")
public record Template(
        UUID id,
        String name,
        String displayName,
        UUID organizationId,
        String organizationName,
        UUID activeVersionId,
        String provisioner,
        boolean deprecated,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
