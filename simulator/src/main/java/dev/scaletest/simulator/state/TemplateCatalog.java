package dev.scaletest.simulator.state;

import dev.scaletest.simulator.wire.ApiException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The deployment's one organization and its templates (each with one active version and that
 * version's rich parameters), with coderd's lookups and the rule that a build's parameter values
 * must fit the version. Separate from the users and workspaces because templates are fixed at
 * start-up and only read afterwards: nothing here changes under a run, and the parameter rules
 * have one owner that both workspace creation and later builds call. Unsynchronized: called only
 * under the {@link Deployment} lock.
 */
final class TemplateCatalog {
    private final UUID organizationId = UUID.randomUUID();
    private final Instant organizationCreatedAt = Instant.now();
    private final Map<UUID, TemplateDefinition> templates = new LinkedHashMap<>();

    /** The default template first: clients that take the first template get the one runs use. */
    TemplateCatalog(String defaultTemplateName, UserAccount author, Instant now) {
        for (TemplateDefinition template : List.of(
                new TemplateDefinition(UUID.randomUUID(), defaultTemplateName, organizationId, UUID.randomUUID(), "v1",
                        UUID.randomUUID(), now, author.id, author.username, TemplateParameters.defaultTemplate()),
                new TemplateDefinition(UUID.randomUUID(), TemplateParameters.RICH_TEMPLATE_NAME, organizationId, UUID.randomUUID(),
                        "v1", UUID.randomUUID(), now, author.id, author.username, TemplateParameters.richTemplate()))) {
            templates.put(template.id(), template);
        }
    }

    UUID organizationId() {
        return organizationId;
    }

    Instant organizationCreatedAt() {
        return organizationCreatedAt;
    }

    /** An organization path parameter: {@code default}, the organization's name or its id; anything else is coderd's 404. */
    void requireOrganization(String ref) {
        if (ref.equalsIgnoreCase("default") || ref.equalsIgnoreCase(WireView.ORGANIZATION_NAME) || ref.equals(organizationId.toString())) {
            return;
        }
        throw ApiException.resourceNotFound();
    }

    Collection<TemplateDefinition> all() {
        return templates.values();
    }

    TemplateDefinition require(UUID id) {
        TemplateDefinition template = templates.get(id);
        if (template == null) {
            throw ApiException.resourceNotFound();
        }
        return template;
    }

    /** The template whose active version this is; coderd's 404 for any other version id. */
    TemplateDefinition ofVersion(UUID versionId) {
        for (TemplateDefinition template : templates.values()) {
            if (template.activeVersionId().equals(versionId)) {
                return template;
            }
        }
        throw ApiException.resourceNotFound();
    }

    /**
     * The template a new workspace names, by template id or else by version id, with the
     * validation errors coderd answers for a missing one.
     */
    TemplateDefinition forNewWorkspace(UUID templateId, UUID versionId) {
        if (templateId != null && !templateId.equals(Deployment.ZERO_UUID)) {
            TemplateDefinition template = templates.get(templateId);
            if (template == null) {
                throw ApiException.validation("Template not found.", "template_id", "template \"" + templateId + "\" does not exist");
            }
            return template;
        }
        if (versionId != null && !versionId.equals(Deployment.ZERO_UUID)) {
            return ofVersion(versionId);
        }
        throw ApiException.validation("Validation failed.", "template_id", "template_id or template_version_id is required");
    }

    /**
     * A new workspace must satisfy every parameter; a later build inherits the last build's values,
     * so only the values it gives are checked. A name the template does not have is refused either way.
     */
    static void validateParameters(TemplateDefinition template, Map<String, String> parameters, boolean newWorkspace) {
        for (String name : parameters.keySet()) {
            if (template.parameters().stream().noneMatch(p -> p.name().equals(name))) {
                throw ApiException.validation("Unable to validate parameters", "rich_parameter_values",
                        "Parameter \"" + name + "\" is not present in the template.");
            }
        }
        if (newWorkspace) {
            BuildParameterCheck.check(template.parameters(), parameters);
        } else {
            BuildParameterCheck.checkGiven(template.parameters(), parameters);
        }
    }
}
