package dev.scaletest.coder.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.UUID;

/** {@code POST /workspaces/{id}/builds} body; {@code rich_parameter_values} is omitted when empty. */
@ApiDefinition("codersdk.CreateWorkspaceBuildRequest")
@JsonPropertyOrder({"template_version_id", "transition", "rich_parameter_values"})
public record CreateWorkspaceBuildRequest(
        UUID templateVersionId,
        String transition,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<WorkspaceBuildParameter> richParameterValues) {

    public CreateWorkspaceBuildRequest {
        templateVersionId = templateVersionId == null ? CreateWorkspaceRequest.ZERO_UUID : templateVersionId;
        richParameterValues = richParameterValues == null ? List.of() : List.copyOf(richParameterValues);
    }

    public static CreateWorkspaceBuildRequest start(List<WorkspaceBuildParameter> parameters) {
        return new CreateWorkspaceBuildRequest(null, WorkspaceBuild.TRANSITION_START, parameters);
    }

    public static CreateWorkspaceBuildRequest delete() {
        return new CreateWorkspaceBuildRequest(null, WorkspaceBuild.TRANSITION_DELETE, List.of());
    }
}
