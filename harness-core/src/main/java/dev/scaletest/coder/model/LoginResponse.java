package dev.scaletest.coder.model;

/** The new session token; it never appears in {@link #toString()}. */
@ApiDefinition("codersdk.LoginWithPasswordResponse")
public record LoginResponse(String sessionToken) {
    @Override
    public String toString() {
        return "LoginResponse[sessionToken=****]";
    }
}
