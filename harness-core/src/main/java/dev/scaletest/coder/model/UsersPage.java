package dev.scaletest.coder.model;

import java.util.List;

@ApiDefinition("codersdk.GetUsersResponse")
public record UsersPage(List<User> users, int count) {
    public UsersPage {
        users = users == null ? List.of() : List.copyOf(users);
    }
}
