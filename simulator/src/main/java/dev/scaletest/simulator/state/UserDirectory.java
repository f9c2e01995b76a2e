package dev.scaletest.simulator.state;

import dev.scaletest.simulator.wire.ApiException;
import dev.scaletest.simulator.wire.CoderJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The deployment's users: accounts with their site roles, the lookups coderd's user path
 * parameter and login use, login sessions, and who is a site owner. Separate from templates and
 * workspaces because every request authenticates here: the two reads a request makes before it
 * reaches the lock ({@link #userForToken}, {@link #isSiteOwner}) are lock-free, and everything else
 * is unsynchronized and called only under the {@link Deployment} lock.
 */
final class UserDirectory {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final String SCALETEST_PREFIX = "scaletest-";

    private final Map<UUID, UserAccount> users = new LinkedHashMap<>();
    // Lookups by lower-cased username and email: login, user creation and the user path parameter
    // would otherwise scan every user under the lock, quadratic over a thousand-user run. Kept in
    // step with the map above.
    private final Map<String, UserAccount> byUsername = new HashMap<>();
    private final Map<String, UserAccount> byEmail = new HashMap<>();
    // Site owners, kept in step with the users' roles under the lock but read without it: the request
    // path asks on every request that carries the rate-limit bypass header (every request of an
    // owner's client), and must not queue behind the deployment's monitor for it.
    private final Set<UUID> siteOwners = ConcurrentHashMap.newKeySet();
    private final ApiKeys apiKeys;

    UserDirectory(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    // ---- lock-free reads of the request path ----

    /** The user of a valid (known, unexpired) API key; empty for anything else. */
    Optional<UUID> userForToken(String token) {
        return apiKeys.lookup(token) instanceof ApiKeys.Lookup.Valid valid ? Optional.of(valid.userId()) : Optional.empty();
    }

    /** When the presented key expired, if it is a known key past its expiry. */
    Optional<Instant> expiredAt(String token) {
        return apiKeys.lookup(token) instanceof ApiKeys.Lookup.Expired expired ? Optional.of(expired.expiresAt()) : Optional.empty();
    }

    /** Every password and API key held now (see {@link Deployment#credentials()}). */
    List<String> credentials() {
        List<String> held = new ArrayList<>();
        for (UserAccount user : users.values()) {
            if (user.password != null && !user.password.isEmpty()) {
                held.add(user.password);
            }
        }
        for (ApiKeys.ApiKey key : apiKeys.all()) {
            held.add(key.token());
        }
        return held;
    }

    boolean isSiteOwner(UUID userId) {
        return userId != null && siteOwners.contains(userId);
    }

    // ---- under the lock ----

    String login(String email, String password) {
        UserAccount user = byEmail.get(key(email == null ? "" : email));
        if (user != null && !user.password.isEmpty() && user.password.equals(password)) {
            return apiKeys.newSession(user.id);
        }
        throw new ApiException(401, "Incorrect email or password.");
    }

    /** A new login session of the user; the session token. */
    String newSession(UUID userId) {
        return apiKeys.newSession(userId);
    }

    void add(UserAccount user) {
        users.put(user.id, user);
        trackSiteOwner(user);
        byUsername.put(key(user.username), user);
        byEmail.put(key(user.email), user);
    }

    /** Removes the user and, as coderd's cascade does, every API key of theirs. */
    void remove(UserAccount user) {
        users.remove(user.id);
        siteOwners.remove(user.id);
        byUsername.remove(key(user.username), user);
        byEmail.remove(key(user.email), user);
        apiKeys.deleteAllOf(user.id);
    }

    /** The user with this id, or null. */
    UserAccount get(UUID userId) {
        return users.get(userId);
    }

    Optional<String> username(UUID userId) {
        UserAccount user = users.get(userId);
        return user == null ? Optional.empty() : Optional.of(user.username);
    }

    /** coderd's user path parameter: {@code me}, a user id, or a username (case-insensitive). */
    UserAccount resolve(UUID caller, String ref) {
        if ("me".equalsIgnoreCase(ref)) {
            UserAccount me = users.get(caller);
            if (me == null) {
                throw new ApiException(401, "You are signed out or your session has expired. Please sign in again to continue.");
            }
            return me;
        }
        try {
            UserAccount byId = users.get(UUID.fromString(ref));
            if (byId != null) {
                return byId;
            }
        } catch (IllegalArgumentException notUuid) {
            // fall through to the username lookup, as coderd does
        }
        UserAccount byName = byUsername.get(key(ref));
        if (byName != null) {
            return byName;
        }
        throw ApiException.resourceNotFound();
    }

    void requireSiteOwner(UUID caller) {
        UserAccount user = users.get(caller);
        if (user == null || !user.siteOwner()) {
            throw new ApiException(403, "Forbidden.", "only site owners may do this in the simulator", null);
        }
    }

    /** The users matching coderd's user search (free text in username or email, {@code status:}), by username. */
    List<UserAccount> search(SearchQuery query) {
        List<String> terms = new ArrayList<>();
        String status = null;
        for (SearchQuery.Term term : query.terms()) {
            switch (term.key()) {
                case "" -> terms.add(term.value().toLowerCase(Locale.ROOT));
                case "status" -> status = term.value().toLowerCase(Locale.ROOT);
                default -> throw ApiException.validation("Invalid user search query.", term.key(),
                        "Query param \"" + term.key() + "\" is not a valid query param");
            }
        }
        String wantedStatus = status;
        return users.values().stream()
                .filter(u -> terms.stream().allMatch(t -> u.username.toLowerCase(Locale.ROOT).contains(t)
                        || u.email.toLowerCase(Locale.ROOT).contains(t)))
                .filter(u -> wantedStatus == null || "active".equals(wantedStatus))
                .sorted(Comparator.comparing(u -> u.username.toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** {@code POST /users} by a site owner, with coderd's validation; the organization is the deployment's one. */
    UserAccount create(UUID caller, String email, String username, String name, String password, String loginType,
                       List<UUID> organizationIds, UUID organizationId) {
        requireSiteOwner(caller);
        List<CoderJson.ValidationError> problems = new ArrayList<>();
        if (!NameRule.valid(username)) {
            problems.add(new CoderJson.ValidationError("username",
                    "Validation failed for tag \"username\" with value: \"" + (username == null ? "" : username) + "\""));
        }
        if (email == null || !EMAIL.matcher(email).matches()) {
            problems.add(new CoderJson.ValidationError("email",
                    "Validation failed for tag \"email\" with value: \"" + (email == null ? "" : email) + "\""));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(400, "Validation failed.", null, problems);
        }
        String type = loginType == null || loginType.isEmpty() ? "password" : loginType;
        if (!"password".equals(type) && !"none".equals(type)) {
            throw ApiException.validation("Unsupported login type.", "login_type", "login type \"" + type + "\" is not supported by the simulator");
        }
        if ("password".equals(type) && (password == null || password.isEmpty())) {
            throw ApiException.validation("Password is required.", "password", "password is required for login type \"password\"");
        }
        for (UUID org : organizationIds) {
            if (!org.equals(organizationId)) {
                throw new ApiException(400, "Organization does not exist with the provided id \"" + org + "\".");
            }
        }
        if (byUsername.containsKey(key(username)) || byEmail.containsKey(key(email))) {
            throw new ApiException(409, "User already exists.");
        }
        UserAccount user = new UserAccount(UUID.randomUUID(), username, email, name == null ? "" : name,
                password == null ? "" : password, Instant.now(), false);
        add(user);
        return user;
    }

    /**
     * The user a site owner may delete (anyone but themselves); whether they still own workspaces
     * is the caller's check, since workspaces are not kept here.
     */
    UserAccount deletable(UUID caller, String ref) {
        requireSiteOwner(caller);
        UserAccount user = resolve(caller, ref);
        if (user.id.equals(caller)) {
            throw new ApiException(403, "You cannot delete yourself!");
        }
        return user;
    }

    /** {@code PUT /users/{user}/roles}: site roles only, and an owner cannot drop their own owner role. */
    UserAccount updateRoles(UUID caller, String ref, List<String> roles) {
        requireSiteOwner(caller);
        UserAccount user = resolve(caller, ref);
        for (String role : roles) {
            if (!UserAccount.SITE_ROLES.contains(role)) {
                throw ApiException.validation("Invalid role.", "roles", "role \"" + role + "\" is not a site role");
            }
        }
        if (user.id.equals(caller) && !roles.contains("owner")) {
            throw new ApiException(400, "You cannot remove the owner role from yourself.");
        }
        user.roles.clear();
        user.roles.addAll(roles);
        trackSiteOwner(user);
        return user;
    }

    int size() {
        return users.size();
    }

    /** Users a scaletest run created (coderd's scaletest usernames start with {@code scaletest-}). */
    int scaletestUsers() {
        return (int) users.values().stream().filter(u -> u.username.startsWith(SCALETEST_PREFIX)).count();
    }

    private void trackSiteOwner(UserAccount user) {
        if (user.siteOwner()) {
            siteOwners.add(user.id);
        } else {
            siteOwners.remove(user.id);
        }
    }

    private static String key(String usernameOrEmail) {
        return usernameOrEmail.toLowerCase(Locale.ROOT);
    }
}
