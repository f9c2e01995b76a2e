package dev.scaletest.coder.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /users} body as scaletest sends it; an empty {@code login_type} means password.
 * The password never appears in {@link #toString()}.
 */
@ApiDefinition("codersdk.CreateUserRequestWithOrgs")
@JsonPropertyOrder({"email", "username", "name", "password", "login_type", "organization_ids"})
public record CreateUserRequest(
        String email, String username, String name, String password, String loginType, List<UUID> organizationIds) {

    public CreateUserRequest {
        name = name == null ? "" : name;
        loginType = loginType == null ? "" : loginType;
        organizationIds = organizationIds == null ? List.of() : List.copyOf(organizationIds);
    }

    /** A password user in one organization, as create-workspaces creates them. */
    public static CreateUserRequest passwordUser(String email, String username, String password, UUID organization) {
        return new CreateUserRequest(email, username, "", password, "", List.of(organization));
    }

    @Override
    public String toString() {
        return "CreateUserRequest[email=" + email + ", username=" + username + ", name=" + name
                + ", password=****, loginType=" + loginType + ", organizationIds=" + organizationIds + "]";
    }
}
