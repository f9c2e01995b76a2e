package dev.scaletest.harness;

/** A generated password; {@link #toString()} is masked so logs and exceptions never show it. */
public final class Password {
    public static final String MASK = "****************";

    private final String value;

    public Password(String value) {
        this.value = value;
    }

    /** The clear text, for the one request that needs it. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Password p && p.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
