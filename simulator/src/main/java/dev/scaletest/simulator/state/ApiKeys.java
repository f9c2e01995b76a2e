package dev.scaletest.simulator.state;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deployment's API keys, as coderd keeps them: each is {@code <id>-<secret>} (10 and 22
 * characters), belongs to one user, and is either a login session or a token minted through
 * {@code /users/{user}/keys/tokens} with a name and a lifetime. A key past its expiry no longer
 * authenticates but stays listed until deleted, as in coderd. Lookups are lock-free: every request
 * authenticates through here.
 */
final class ApiKeys {
    static final String LOGIN_TYPE_PASSWORD = "password";
    static final String LOGIN_TYPE_TOKEN = "token";
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int ID_LENGTH = 10;
    private static final int SECRET_LENGTH = 22;

    /**
     * Login sessions live this long here: coderd's last 24h but are extended while in use, which a
     * load test always does, so here they simply outlive any run.
     */
    static final java.time.Duration SESSION_LIFETIME = java.time.Duration.ofHours(876_600);

    /** One key; {@code tokenName} is null for login sessions. */
    record ApiKey(String id, String secret, UUID userId, String loginType, String tokenName, Instant createdAt,
                  Instant expiresAt, long lifetimeSeconds) {

        String token() {
            return id + "-" + secret;
        }

        boolean isToken() {
            return LOGIN_TYPE_TOKEN.equals(loginType);
        }

        boolean expiredAt(Instant now) {
            return expiresAt.isBefore(now);
        }
    }

    /** What a presented token is: unknown (or a wrong secret), expired, or valid for a user. */
    sealed interface Lookup {
        record Unknown() implements Lookup {
        }

        record Expired(Instant expiresAt) implements Lookup {
        }

        record Valid(UUID userId) implements Lookup {
        }
    }

    private final Map<String, ApiKey> byId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final InstantSource clock;

    ApiKeys(InstantSource clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /** A login session for the user; the returned string is the session token. */
    String newSession(UUID userId) {
        Instant now = clock.instant();
        return add(userId, LOGIN_TYPE_PASSWORD, null, now, now.plus(SESSION_LIFETIME), SESSION_LIFETIME.toSeconds()).token();
    }

    /** A named token of the user that expires {@code lifetime} after now. */
    ApiKey newToken(UUID userId, String tokenName, java.time.Duration lifetime) {
        Instant now = clock.instant();
        return add(userId, LOGIN_TYPE_TOKEN, tokenName, now, now.plus(lifetime), lifetime.toSeconds());
    }

    private ApiKey add(UUID userId, String loginType, String tokenName, Instant now, Instant expiresAt, long lifetimeSeconds) {
        while (true) {
            ApiKey key = new ApiKey(random(ID_LENGTH, 36), random(SECRET_LENGTH, ALPHABET.length()), userId, loginType,
                    tokenName, now, expiresAt, lifetimeSeconds);
            if (byId.putIfAbsent(key.id(), key) == null) {
                return key;
            }
        }
    }

    // Key ids use lower-case letters and digits only, as coderd's do; secrets the whole alphabet.
    private String random(int length, int alphabetSize) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(alphabetSize)));
        }
        return out.toString();
    }

    Lookup lookup(String token) {
        if (token == null) {
            return new Lookup.Unknown();
        }
        int dash = token.indexOf('-');
        if (dash <= 0) {
            return new Lookup.Unknown();
        }
        ApiKey key = byId.get(token.substring(0, dash));
        if (key == null || !key.secret().equals(token.substring(dash + 1))) {
            return new Lookup.Unknown();
        }
        if (key.expiredAt(clock.instant())) {
            return new Lookup.Expired(key.expiresAt());
        }
        return new Lookup.Valid(key.userId());
    }

    Optional<ApiKey> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    Collection<ApiKey> all() {
        return byId.values();
    }

    boolean tokenNameTaken(UUID userId, String tokenName) {
        return byId.values().stream().anyMatch(k -> k.isToken() && k.userId().equals(userId) && k.tokenName().equals(tokenName));
    }

    boolean delete(String id) {
        return byId.remove(id) != null;
    }

    /** A deleted user's keys go with it, as coderd's cascade removes them. */
    void deleteAllOf(UUID userId) {
        byId.values().removeIf(k -> k.userId().equals(userId));
    }
}
