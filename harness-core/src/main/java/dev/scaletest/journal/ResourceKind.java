package dev.scaletest.journal;

/** What the tool creates on a Coder deployment. */
public enum ResourceKind {
    USER("user"),
    WORKSPACE("workspace"),
    /**
     * An API token minted for a user (workspace-traffic --as-workspace-owners). Its name is the
     * token name, unique per user only, so {@code owner} (the username) is part of its identity;
     * {@code id} is the key id, never the secret.
     */
    API_KEY("api_key");

    private final String json;

    ResourceKind(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static ResourceKind fromJson(String value) {
        for (ResourceKind kind : values()) {
            if (kind.json.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown resource kind \"" + value + "\"");
    }
}
