package dev.scaletest.journal;

/** The life of a resource: about to be created, created (id known), deleted. */
public enum JournalEvent {
    INTENT,
    CREATED,
    DELETED;

    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static JournalEvent fromJson(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
