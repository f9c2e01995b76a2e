package dev.scaletest.simulator.state;

import dev.scaletest.simulator.wire.CoderJson;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A template with one active version: one resource with agent {@code main} serving the path app
 * {@code echo}, and the version's rich parameters as coderd renders them.
 */
record TemplateDefinition(
        UUID id,
        String name,
        UUID organizationId,
        UUID activeVersionId,
        String versionName,
        UUID importJobId,
        Instant createdAt,
        UUID createdBy,
        String createdByName,
        List<CoderJson.TemplateVersionParameter> parameters) {

    static final String AGENT_NAME = "main";
    static final String APP_SLUG = "echo";
    static final String RESOURCE_TYPE = "kubernetes_deployment";
    static final String RESOURCE_NAME = "main";

    TemplateDefinition {
        parameters = List.copyOf(parameters);
    }
}
