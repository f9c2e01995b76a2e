package dev.scaletest.coder.model;

/** The password never appears in {@link #toString()}. */
@ApiDefinition("codersdk.LoginWithPasswordRequest")
public record LoginRequest(String email, String password) {
    @Override
    public String toString() {
        return "LoginRequest[email=" + email + ", password=****]";
    }
}
