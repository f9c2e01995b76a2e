package dev.scaletest.harness;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Names that mark what the tool created, as Coder generates them: 8 characters drawn uniformly
 * from {@code 0-9A-Za-z} by a cryptographic generator, so {@code cleanup} can find the resources by
 * prefix and parallel runs do not collide.
 */
public final class NameGenerator {
    public static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    public static final String NAME_PREFIX = "scaletest-";
    public static final String EMAIL_DOMAIN = "@scaletest.local";
    public static final int RANDOM_LENGTH = 8;
    public static final int PASSWORD_LENGTH = 16;

    private final RandomGenerator random;

    public NameGenerator() {
        this(new SecureRandom());
    }

    public NameGenerator(RandomGenerator random) {
        this.random = random;
    }

    /** Username {@code scaletest-<rand8>-<id>} and email {@code <rand8>-<id>@scaletest.local}, same rand8. */
    public GeneratedUser user(String id) {
        String suffix = randomString(RANDOM_LENGTH) + "-" + id;
        return new GeneratedUser(NAME_PREFIX + suffix, suffix + EMAIL_DOMAIN, password());
    }

    /** {@code scaletest-<rand8>-<id>}, independent of the owner's random part. */
    public String workspaceName(String id) {
        return NAME_PREFIX + randomString(RANDOM_LENGTH) + "-" + id;
    }

    public Password password() {
        return new Password(randomString(PASSWORD_LENGTH));
    }

    public String randomString(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(out);
    }
}
