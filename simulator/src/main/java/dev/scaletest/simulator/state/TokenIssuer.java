package dev.scaletest.simulator.state;

import dev.scaletest.simulator.wire.ApiException;
import dev.scaletest.simulator.wire.CoderJson;
import dev.scaletest.simulator.wire.GoDuration;
import dev.scaletest.simulator.wire.GoTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code /users/{user}/keys} endpoints: minting API tokens under coderd's lifetime, scope and
 * name rules, and who may list, read and delete whose keys. Separate from {@link UserDirectory}
 * (the accounts) and {@link ApiKeys} (the key store) because these rules are a set of their own
 * that only token requests apply; login sessions never pass through here. Unsynchronized: called
 * only under the {@link Deployment} lock.
 */
final class TokenIssuer {
    /** What coderd's name generator draws from when a token request names none. */
    private static final List<String> NAME_ADJECTIVES = List.of("brave", "calm", "eager", "fond", "keen", "quirky", "sharp", "witty");
    private static final List<String> NAME_SURNAMES = List.of("curie", "hopper", "knuth", "lovelace", "ritchie", "turing");

    private final UserDirectory users;
    private final ApiKeys apiKeys;
    private final TokenLifetimes lifetimes;

    TokenIssuer(UserDirectory users, ApiKeys apiKeys, TokenLifetimes lifetimes) {
        this.users = users;
        this.apiKeys = apiKeys;
        this.lifetimes = lifetimes;
    }

    /**
     * {@code POST /users/{user}/keys/tokens}: a token for the user, as coderd's {@code postToken}
     * makes one. {@code lifetime} 0 takes the default lifetime; a negative one or one beyond the
     * user's maximum (the admin maximum when the user has the owner role) is refused with 400; a
     * name the user already has for a token with 409; no name gets a generated one. Only the
     * scope {@code all} (the default) is served: the simulator enforces no narrower scope.
     */
    String createToken(UUID caller, String ref, Duration lifetime, String tokenName, List<String> scopes) {
        UserAccount user = keyOwner(caller, ref);
        for (String scope : scopes) {
            if (!scope.equals("all") && !scope.equals("coder:all")) {
                throw new ApiException(400, "Failed to create API key.",
                        "the simulator serves only the scope \"all\" (coder:all), not " + quote(scope), null);
            }
        }
        String name = tokenName == null || tokenName.isEmpty() ? generatedTokenName() : tokenName;
        Duration granted = lifetime.isZero() ? lifetimes.defaultLifetime() : lifetime;
        if (!lifetime.isZero()) {
            if (lifetime.isNegative()) {
                throw new ApiException(400, "Failed to validate create API key request.",
                        "lifetime must be positive number greater than 0", null);
            }
            Duration max = lifetimes.maxFor(user.siteOwner());
            if (lifetime.compareTo(max) > 0) {
                throw new ApiException(400, "Failed to validate create API key request.",
                        "lifetime must be less than " + GoDuration.format(max), null);
            }
        }
        if (apiKeys.tokenNameTaken(user.id, name)) {
            throw new ApiException(409, "A token with name " + quote(name) + " already exists.", null,
                    List.of(new CoderJson.ValidationError("name", "This value is already in use and should be unique.")));
        }
        return apiKeys.newToken(user.id, name, granted).token();
    }

    /**
     * {@code GET /users/{user}/keys/tokens}: the user's tokens (not login sessions), or with
     * {@code includeAll} every user's tokens the caller may read (a site owner: all, anyone else:
     * their own); expired ones only with {@code includeExpired}. Oldest first.
     */
    List<CoderJson.ApiKeyWithOwner> tokens(UUID caller, String ref, boolean includeAll, boolean includeExpired) {
        UserAccount user = keyOwner(caller, ref);
        boolean owner = users.isSiteOwner(caller);
        Instant now = apiKeys.now();
        return apiKeys.all().stream()
                .filter(ApiKeys.ApiKey::isToken)
                .filter(k -> includeAll ? owner || k.userId().equals(caller) : k.userId().equals(user.id))
                .filter(k -> includeExpired || !k.expiredAt(now))
                .sorted(Comparator.comparing(ApiKeys.ApiKey::createdAt).thenComparing(ApiKeys.ApiKey::id))
                .map(k -> CoderJson.ApiKeyWithOwner.of(apiKeyJson(k), users.username(k.userId()).orElse("")))
                .toList();
    }

    /** {@code GET /users/{user}/keys/{keyid}}. */
    CoderJson.ApiKey apiKey(UUID caller, String ref, String keyId) {
        return apiKeyJson(readableKey(caller, ref, keyId));
    }

    /** {@code DELETE /users/{user}/keys/{keyid}}: an unknown or unreadable key is coderd's 404. */
    void deleteApiKey(UUID caller, String ref, String keyId) {
        apiKeys.delete(readableKey(caller, ref, keyId).id());
    }

    /** {@code GET /users/{user}/keys/tokens/tokenconfig}: the longest lifetime a token of that user may get. */
    CoderJson.TokenConfig tokenConfig(UUID caller, String ref) {
        return new CoderJson.TokenConfig(lifetimes.maxFor(keyOwner(caller, ref).siteOwner()).toNanos());
    }

    /**
     * The user named in a {@code /users/{user}/keys...} path, as coderd's user parameter resolves
     * it for the caller: themselves, or anyone for a site owner; a member naming someone else gets
     * the 404 coderd answers for a user it may not read.
     */
    private UserAccount keyOwner(UUID caller, String ref) {
        UserAccount user = users.resolve(caller, ref);
        if (!user.id.equals(caller) && !users.isSiteOwner(caller)) {
            throw ApiException.resourceNotFound();
        }
        return user;
    }

    /**
     * The key with this id, when the caller may read it: their own, or any for a site owner. As in
     * coderd, the key is found by id alone; the user in the path only has to be readable.
     */
    private ApiKeys.ApiKey readableKey(UUID caller, String ref, String keyId) {
        keyOwner(caller, ref);
        ApiKeys.ApiKey key = apiKeys.byId(keyId).orElseThrow(ApiException::resourceNotFound);
        if (!key.userId().equals(caller) && !users.isSiteOwner(caller)) {
            throw ApiException.resourceNotFound();
        }
        return key;
    }

    private static String generatedTokenName() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return NAME_ADJECTIVES.get(random.nextInt(NAME_ADJECTIVES.size())) + "_"
                + NAME_SURNAMES.get(random.nextInt(NAME_SURNAMES.size())) + random.nextInt(10);
    }

    /** Go's {@code %q} of a plain string. */
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static CoderJson.ApiKey apiKeyJson(ApiKeys.ApiKey key) {
        String created = GoTime.format(key.createdAt());
        return new CoderJson.ApiKey(key.id(), key.userId().toString(), created, GoTime.format(key.expiresAt()), created, created, key.loginType(),
                "all", List.of("coder:all"), key.tokenName() == null ? "" : key.tokenName(), key.lifetimeSeconds());
    }
}
