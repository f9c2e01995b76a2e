package dev.scaletest.coder.model;

/**
 * A minted API key, {@code <id>-<secret>}; the id (before the dash) names it in
 * {@code DELETE /users/{user}/keys/{keyid}}. The key never appears in {@link #toString()}.
 */
@ApiDefinition("codersdk.GenerateAPIKeyResponse")
public record GenerateApiKeyResponse(String key) {

    /** The key's id: what the journal records and what deletes it; never the secret. */
    public String keyId() {
        int dash = key.indexOf('-');
        return dash < 0 ? key : key.substring(0, dash);
    }

    @Override
    public String toString() {
        return "GenerateApiKeyResponse[keyId=" + keyId() + ", key=****]";
    }
}
