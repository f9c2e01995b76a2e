package dev.scaletest.coder.model;

import java.time.Duration;

/**
 * {@code POST /users/{user}/keys/tokens}: a token named {@code tokenName} that lives
 * {@code lifetime} nanoseconds (Go's {@code time.Duration}); the scope is left to coderd's default
 * ({@code all}).
 */
@ApiDefinition("codersdk.CreateTokenRequest")
public record CreateTokenRequest(long lifetime, String tokenName) {

    public static CreateTokenRequest of(Duration lifetime, String tokenName) {
        return new CreateTokenRequest(lifetime.toNanos(), tokenName);
    }
}
