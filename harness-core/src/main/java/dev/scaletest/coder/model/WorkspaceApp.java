package dev.scaletest.coder.model;

import java.util.UUID;

@ApiDefinition("codersdk.WorkspaceApp")
public record WorkspaceApp(
        UUID id,
        String slug,
        String displayName,
        String url,
        String command,
        boolean external,
        boolean subdomain,
        String subdomainName,
        String sharingLevel,
        String health) {}
