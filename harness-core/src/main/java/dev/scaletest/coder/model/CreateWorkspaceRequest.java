package dev.scaletest.coder.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.UUID;

/**
 * Workspace creation body in Go's wire shape: {@code template_version_id} is the zero UUID (Go has
 * no omitempty on it) and {@code autostart_schedule} is an explicit {@code null}.
 */
@ApiDefinition("codersdk.CreateWorkspaceRequest")
@JsonPropertyOrder({"template_id", "template_version_id", "name", "autostart_schedule", "rich_parameter_values"})
public record CreateWorkspaceRequest(
        UUID templateId,
        UUID templateVersionId,
        String name,
        @JsonInclude(JsonInclude.Include.ALWAYS) String autostartSchedule,
        List<WorkspaceBuildParameter> richParameterValues) {

    public static final UUID ZERO_UUID = new UUID(0L, 0L);

    public CreateWorkspaceRequest {
        templateVersionId = templateVersionId == null ? ZERO_UUID : templateVersionId;
        richParameterValues = richParameterValues == null ? List.of() : List.copyOf(richParameterValues);
    }

    public static CreateWorkspaceRequest forTemplate(UUID template, String name, List<WorkspaceBuildParameter> parameters) {
        return new CreateWorkspaceRequest(template, ZERO_UUID, name, null, parameters);
    }

    /** The same request with another workspace name (runs fill in a generated name). */
    public CreateWorkspaceRequest withName(String other) {
        return new CreateWorkspaceRequest(templateId, templateVersionId, other, autostartSchedule, richParameterValues);
    }
}
