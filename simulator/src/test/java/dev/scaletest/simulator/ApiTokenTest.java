package dev.scaletest.simulator;

import static dev.scaletest.simulator.SimulatorClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.simulator.ratelimit.RateLimits;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API tokens as coderd mints them: {@code POST /users/{user}/keys/tokens} by the user or a site
 * owner, listed, read and deleted under {@code /users/{user}/keys}, authenticating as the user they
 * belong to (never as whoever minted them) until they expire or are deleted.
 */
class ApiTokenTest {
    private static final long HOUR_NANOS = Duration.ofHours(1).toNanos();

    private static SimulatorServer server;
    private static SimulatorClient admin;
    private static SimulatorClient member;

    @BeforeAll
    static void start() {
        server = TestServers.start(TestServers.fast(new RecordingEndpoint("pty"), new RecordingEndpoint("app")));
        admin = new SimulatorClient(server.url(), server.adminToken());
        member = admin.createUserAndLogin("scaletest-tok-1");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String mint(SimulatorClient as, String user, String body) {
        return expect(201, as.post("/api/v2/users/" + user + "/keys/tokens", body)).get("key").asText();
    }

    private static String keyId(String token) {
        return token.substring(0, token.indexOf('-'));
    }

    private static List<String> tokenNames(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(k -> names.add(k.get("username").asText() + "/" + k.get("token_name").asText()));
        return names;
    }

    @Test
    void anOwnerMintsATokenThatActsAsTheMemberNotTheOwner() {
        String token = mint(admin, "scaletest-tok-1", "{\"lifetime\":" + HOUR_NANOS + ",\"token_name\":\"scaletest-run-a\"}");
        assertTrue(token.matches("[a-z0-9]{10}-[A-Za-z0-9]{22}"), token);
        SimulatorClient asMember = admin.as(token);
        JsonNode me = asMember.me();
        assertEquals("scaletest-tok-1", me.get("username").asText());
        assertEquals(0, me.get("roles").size(), me.toString());
        // Owner-only calls are refused: the token carries the member's rights only.
        expect(403, asMember.post("/api/v2/users", "{\"email\":\"x@scaletest.local\",\"username\":\"scaletest-x\",\"password\":\"p\"}"));
        JsonNode key = expect(200, admin.get("/api/v2/users/scaletest-tok-1/keys/" + keyId(token)));
        assertEquals("token", key.get("login_type").asText());
        assertEquals("scaletest-run-a", key.get("token_name").asText());
        assertEquals(3600, key.get("lifetime_seconds").asLong());
        assertEquals(me.get("id").asText(), key.get("user_id").asText());
    }

    @Test
    void aMintedTokensBypassHeaderIsRefusedWith428WhileALimiterIsOn() {
        try (SimulatorServer limited = TestServers.start(TestServers.fast(new RecordingEndpoint("pty"), new RecordingEndpoint("app"))
                .withAccessRules(AccessRules.open().withRateLimits(RateLimits.perMinute(1000, 0))))) {
            SimulatorClient owner = new SimulatorClient(limited.url(), limited.adminToken());
            owner.createUserAndLogin("scaletest-tok-bypass");
            String token = mint(owner, "scaletest-tok-bypass", "{\"token_name\":\"scaletest-bypass\"}");
            HttpResponse<String> refused = owner.send(owner.as(token).request("/api/v2/users/me")
                    .header("X-Coder-Bypass-Ratelimit", "true").GET().build());
            assertEquals(428, refused.statusCode(), refused.body());
            assertEquals("\"X-Coder-Bypass-Ratelimit\" provided but user is not owner", refused.body().strip());
            assertEquals(1, expect(200, owner.as(null).get("/sim/stats")).get("non_owner_bypass_headers").asLong());
            // The owner's own bypass header is honoured, and the token without the header works.
            assertEquals(200, owner.send(owner.request("/api/v2/users/me").header("X-Coder-Bypass-Ratelimit", "true").GET().build())
                    .statusCode());
            expect(200, owner.as(token).get("/api/v2/users/me"));
        }
    }

    @Test
    void aMemberMintsForThemselvesButCannotSeeOrMintForOthers() {
        String own = mint(member, "me", "{\"token_name\":\"mine\"}");
        assertEquals("scaletest-tok-1", admin.as(own).me().get("username").asText());
        JsonNode refused = expect(404, member.post("/api/v2/users/admin/keys/tokens", "{\"token_name\":\"theirs\"}"));
        assertEquals("Resource not found or you do not have access to this resource", refused.get("message").asText());
        expect(404, member.get("/api/v2/users/admin/keys/tokens"));
        String adminKey = mint(admin, "me", "{\"token_name\":\"admins-own\"}");
        expect(404, member.delete("/api/v2/users/me/keys/" + keyId(adminKey)));
        expect(404, member.get("/api/v2/users/me/keys/" + keyId(adminKey)));
        expect(200, admin.as(adminKey).get("/api/v2/users/me"));
    }

    @Test
    void aTokenNameIsUniquePerUser() {
        mint(admin, "scaletest-tok-1", "{\"token_name\":\"scaletest-dup\"}");
        JsonNode conflict = expect(409, admin.post("/api/v2/users/scaletest-tok-1/keys/tokens", "{\"token_name\":\"scaletest-dup\"}"));
        assertEquals("A token with name \"scaletest-dup\" already exists.", conflict.get("message").asText());
        assertEquals("name", conflict.at("/validations/0/field").asText());
        // Another user may use the same name.
        mint(admin, "me", "{\"token_name\":\"scaletest-dup\"}");
    }

    @Test
    void lifetimesAreValidatedAsCoderdDoes() {
        JsonNode negative = expect(400, admin.post("/api/v2/users/scaletest-tok-1/keys/tokens", "{\"lifetime\":-1}"));
        assertEquals("Failed to validate create API key request.", negative.get("message").asText());
        assertEquals("lifetime must be positive number greater than 0", negative.get("detail").asText());
        long hundredYears = Duration.ofHours(876_600).toNanos();
        JsonNode tooLong = expect(400, admin.post("/api/v2/users/scaletest-tok-1/keys/tokens", "{\"lifetime\":" + (hundredYears + 1) + "}"));
        assertEquals("lifetime must be less than 876600h0m0s", tooLong.get("detail").asText());
        // A token for a user with the owner role is held to the admin maximum (168h by default).
        JsonNode ownerToken = expect(400, admin.post("/api/v2/users/me/keys/tokens", "{\"lifetime\":" + Duration.ofHours(169).toNanos() + "}"));
        assertEquals("lifetime must be less than 168h0m0s", ownerToken.get("detail").asText());
        assertEquals(Duration.ofHours(168).toNanos(),
                expect(200, admin.get("/api/v2/users/me/keys/tokens/tokenconfig")).get("max_token_lifetime").asLong());
        assertEquals(hundredYears,
                expect(200, admin.get("/api/v2/users/scaletest-tok-1/keys/tokens/tokenconfig")).get("max_token_lifetime").asLong());
        expect(400, admin.post("/api/v2/users/scaletest-tok-1/keys/tokens", "{\"lifetime\":\"1h\"}"));
        // No lifetime: coderd's default token lifetime, 168h.
        String defaulted = mint(admin, "scaletest-tok-1", "{\"token_name\":\"scaletest-default\"}");
        assertEquals(Duration.ofHours(168).toSeconds(),
                expect(200, admin.get("/api/v2/users/scaletest-tok-1/keys/" + keyId(defaulted))).get("lifetime_seconds").asLong());
        JsonNode scope = expect(400, admin.post("/api/v2/users/scaletest-tok-1/keys/tokens", "{\"scope\":\"application_connect\"}"));
        assertEquals("Failed to create API key.", scope.get("message").asText());
    }

    @Test
    void tokensAreListedPerUserOrAllForAnOwner() {
        SimulatorClient other = admin.createUserAndLogin("scaletest-tok-list");
        mint(admin, "scaletest-tok-list", "{\"token_name\":\"scaletest-listed\"}");
        mint(other, "me", "{\"token_name\":\"self-made\"}");
        List<String> listed = tokenNames(expect(200, admin.get("/api/v2/users/scaletest-tok-list/keys/tokens")));
        assertEquals(List.of("scaletest-tok-list/scaletest-listed", "scaletest-tok-list/self-made"), listed);
        List<String> all = tokenNames(expect(200, admin.get("/api/v2/users/me/keys/tokens?include_all=true")));
        assertTrue(all.containsAll(listed), all.toString());
        // A member asking for all sees only their own; login sessions are never listed.
        assertEquals(List.of("scaletest-tok-list/scaletest-listed", "scaletest-tok-list/self-made"),
                tokenNames(expect(200, other.get("/api/v2/users/me/keys/tokens?include_all=true"))));
    }

    @Test
    void aDeletedTokenNoLongerAuthenticates() {
        String token = mint(admin, "scaletest-tok-1", "{\"token_name\":\"scaletest-doomed\"}");
        expect(200, admin.as(token).get("/api/v2/users/me"));
        HttpResponse<String> deleted = admin.delete("/api/v2/users/scaletest-tok-1/keys/" + keyId(token));
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals("", deleted.body());
        assertFalse(deleted.headers().firstValue("Content-Type").isPresent());
        JsonNode gone = expect(401, admin.as(token).get("/api/v2/users/me"));
        assertEquals("The session token is invalid or has been deleted.", gone.get("detail").asText());
        expect(404, admin.delete("/api/v2/users/scaletest-tok-1/keys/" + keyId(token)));
        assertFalse(tokenNames(expect(200, admin.get("/api/v2/users/scaletest-tok-1/keys/tokens")))
                .contains("scaletest-tok-1/scaletest-doomed"));
    }

    @Test
    void aTokenExpiresAtTheEndOfItsLifetime() {
        String token = mint(admin, "scaletest-tok-1", "{\"token_name\":\"scaletest-brief\",\"lifetime\":" + Duration.ofSeconds(1).toNanos() + "}");
        expect(200, admin.as(token).get("/api/v2/users/me"));
        JsonNode expired = SimulatorClient.await("token expiry", () -> SimulatorClient.json(admin.as(token).get("/api/v2/users/me")),
                body -> body.has("detail") && body.get("detail").asText().startsWith("API key expired at \""));
        assertEquals("You are signed out or your session has expired. Please sign in again to continue.", expired.get("message").asText());
        assertTrue(expired.get("detail").asText().matches("API key expired at \"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)? \\+0000 UTC\"\\."),
                expired.toString());
        assertFalse(tokenNames(expect(200, admin.get("/api/v2/users/scaletest-tok-1/keys/tokens")))
                .contains("scaletest-tok-1/scaletest-brief"));
        assertTrue(tokenNames(expect(200, admin.get("/api/v2/users/scaletest-tok-1/keys/tokens?include_expired=true")))
                .contains("scaletest-tok-1/scaletest-brief"));
    }

    @Test
    void deletingTheUserDeletesItsTokens() {
        admin.createUserAndLogin("scaletest-tok-gone");
        String token = mint(admin, "scaletest-tok-gone", "{\"token_name\":\"scaletest-orphan\"}");
        expect(200, admin.as(token).get("/api/v2/users/me"));
        expect(200, admin.delete("/api/v2/users/scaletest-tok-gone"));
        expect(401, admin.as(token).get("/api/v2/users/me"));
        assertFalse(tokenNames(expect(200, admin.get("/api/v2/users/me/keys/tokens?include_all=true&include_expired=true")))
                .contains("scaletest-tok-gone/scaletest-orphan"));
    }
}
