package dev.scaletest.coder.model;

import java.util.List;

@ApiDefinition("codersdk.WorkspacesResponse")
public record WorkspacesPage(List<Workspace> workspaces, int count) {
    public WorkspacesPage {
        workspaces = workspaces == null ? List.of() : List.copyOf(workspaces);
    }
}
