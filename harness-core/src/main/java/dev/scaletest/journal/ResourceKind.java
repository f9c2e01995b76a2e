package dev.scaletest.journal;

/** What the tool creates on a Coder deployment. */
public enum ResourceKind {
    USER("user"),
    WORKSPACE("workspace");

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
