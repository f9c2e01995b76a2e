package dev.scaletest.simulator.state;

import java.time.Instant;
import java.util.UUID;

/** A template with one active version: one resource with agent {@code main} serving the path app {@code echo}. */
record TemplateDefinition(
        UUID id,
        String name,
        UUID organizationId,
        UUID activeVersionId,
        String versionName,
        UUID importJobId,
        Instant createdAt,
        UUID createdBy,
        String createdByName) {

    static final String AGENT_NAME = "main";
    static final String APP_SLUG = "echo";
    static final String RESOURCE_TYPE = "kubernetes_deployment";
    static final String RESOURCE_NAME = "main";
    static final String PARAMETER_NAME = "cpu";
    static final String PARAMETER_DEFAULT = "2";
}
