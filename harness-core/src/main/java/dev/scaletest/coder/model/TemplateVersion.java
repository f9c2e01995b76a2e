package dev.scaletest.coder.model;

import java.time.OffsetDateTime;
import java.util.UUID;

@ApiDefinition("codersdk.TemplateVersion")
public record TemplateVersion(
        UUID id,
        UUID templateId,
        UUID organizationId,
        String name,
        String message,
        boolean archived,
        ProvisionerJob job,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
