package dev.scaletest.coder.model;

import java.time.OffsetDateTime;
import java.util.UUID;

@ApiDefinition("codersdk.Organization")
public record Organization(
        UUID id,
        String name,
        String displayName,
        boolean isDefault,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
