package dev.scaletest.coder.model;

import java.time.OffsetDateTime;
import java.util.UUID;

@ApiDefinition("codersdk.Workspace")
public record Workspace(
        UUID id,
        String name,
        UUID ownerId,
        String ownerName,
        UUID organizationId,
        String organizationName,
        UUID templateId,
        String templateName,
        UUID templateActiveVersionId,
        WorkspaceBuild latestBuild,
        String autostartSchedule,
        Long ttlMs,
        boolean outdated,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
