package dev.scaletest.simulator;

import static dev.scaletest.simulator.SimulatorClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.simulator.ratelimit.RateLimitKey;
import dev.scaletest.simulator.ratelimit.RateLimits;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * coderd's rate limiters over real HTTP. A window boundary during a test only lowers the sliding
 * rate, so the first {@code limit} requests always pass and the next one is refused while the test
 * takes well under a second per request.
 */
class RateLimitTest {
    private static final String BYPASS = "X-Coder-Bypass-Ratelimit";

    private static SimulatorServer start(RateLimits limits) {
        return TestServers.start(TestServers.fast(new RecordingEndpoint("pty"), new RecordingEndpoint("app"))
                .withAccessRules(AccessRules.open().withRateLimits(limits)));
    }

    private static HttpResponse<String> get(SimulatorClient client, String path, String bypass) {
        HttpRequest.Builder request = client.request(path).GET();
        if (bypass != null) {
            request.header(BYPASS, bypass);
        }
        return client.send(request.build());
    }

    private static HttpResponse<String> login(SimulatorClient anonymous, String email, String bypass) {
        HttpRequest.Builder request = anonymous.request("/api/v2/users/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"Pa55word-x\"}"));
        if (bypass != null) {
            request.header(BYPASS, bypass);
        }
        return anonymous.send(request.build());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static JsonNode stats(SimulatorServer server) {
        return expect(200, new SimulatorClient(server.url(), null).get("/sim/stats"));
    }

    @Test
    void overTheLimitIs429WithCodersMessageAndHttprateHeaders() {
        try (SimulatorServer server = start(RateLimits.perMinute(5, 0))) {
            SimulatorClient admin = new SimulatorClient(server.url(), server.adminToken());
            SimulatorClient member = admin.createUserAndLogin("scaletest-limit-1");
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> passed = member.get("/api/v2/users/me");
                expect(200, passed);
                assertEquals("5", header(passed, "X-RateLimit-Limit"));
                assertEquals(Integer.toString(4 - i), header(passed, "X-RateLimit-Remaining"));
            }
            HttpResponse<String> refused = member.get("/api/v2/users/me");
            JsonNode body = expect(429, refused);
            assertEquals("You've been rate limited for sending more than 5 requests in 1m0s.", body.get("message").asText());
            assertEquals(1, body.size(), body::toString);
            assertTrue(header(refused, "Content-Type").startsWith("application/json"));
            assertEquals("60", header(refused, "Retry-After"));
            assertEquals("5", header(refused, "X-RateLimit-Limit"));
            assertEquals("0", header(refused, "X-RateLimit-Remaining"));
            long reset = Long.parseLong(header(refused, "X-RateLimit-Reset"));
            long now = Instant.now().getEpochSecond();
            assertEquals(0, reset % 60, "the window ends on a wall-clock minute");
            assertTrue(reset > now - 2 && reset <= now + 60, "reset " + reset + " at " + now);

            assertEquals(429, member.get("/api/v2/users/me?q=other").statusCode(), "the query is not part of the key");
            expect(200, member.get("/api/v2/workspaces"));
            expect(200, admin.get("/api/v2/users/me"));
            assertEquals(2, stats(server).get("rate_limited_api").asLong());
        }
    }

    @Test
    void aNonOwnersBypassHeaderIs428PlainTextAndIsNotCounted() {
        try (SimulatorServer server = start(RateLimits.perMinute(3, 0))) {
            SimulatorClient admin = new SimulatorClient(server.url(), server.adminToken());
            SimulatorClient member = admin.createUserAndLogin("scaletest-limit-2");
            for (String spelling : new String[] {"true", "1", "T", "TRUE", "True"}) {
                HttpResponse<String> refused = get(member, "/api/v2/users/me", spelling);
                assertEquals(428, refused.statusCode(), spelling);
                assertEquals("text/plain; charset=utf-8", header(refused, "Content-Type"));
                assertEquals("\"X-Coder-Bypass-Ratelimit\" provided but user is not owner\n", refused.body());
                assertEquals(null, header(refused, "X-RateLimit-Limit"));
            }
            HttpResponse<String> notTrue = get(member, "/api/v2/users/me", "yes");
            expect(200, notTrue);
            assertEquals("2", header(notTrue, "X-RateLimit-Remaining"), "the 428s were not counted");
            JsonNode stats = stats(server);
            assertEquals(5, stats.get("bypass_refused").asLong());
            assertEquals(5, stats.get("non_owner_bypass_headers").asLong());
            assertEquals(0, stats.get("rate_limited_api").asLong());
        }
    }

    @Test
    void anOwnersBypassIsNeverLimited() {
        try (SimulatorServer server = start(RateLimits.perMinute(3, 0))) {
            SimulatorClient admin = new SimulatorClient(server.url(), server.adminToken());
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> passed = get(admin, "/api/v2/users/me", "true");
                expect(200, passed);
                assertEquals("2", header(passed, "X-RateLimit-Remaining"), "a fresh key every time");
            }
            for (int i = 0; i < 3; i++) {
                expect(200, admin.get("/api/v2/users/me"));
            }
            assertEquals(429, admin.get("/api/v2/users/me").statusCode(), "without the header the owner is limited");
            JsonNode stats = stats(server);
            assertEquals(0, stats.get("non_owner_bypass_headers").asLong());
            assertEquals(0, stats.get("bypass_refused").asLong());
        }
    }

    @Test
    void theLoginLimiterCountsPerIpAndIgnoresTheBypassHeader() {
        try (SimulatorServer server = start(RateLimits.perMinute(100, 3))) {
            SimulatorClient admin = new SimulatorClient(server.url(), server.adminToken());
            admin.createUserAndLogin("scaletest-limit-3"); // one login
            SimulatorClient anonymous = admin.as(null);
            expect(201, login(anonymous, "scaletest-limit-3@scaletest.local", "true"));
            expect(201, login(anonymous, "scaletest-limit-3@scaletest.local", null));
            HttpResponse<String> refused = login(anonymous, "scaletest-limit-3@scaletest.local", "true");
            JsonNode body = expect(429, refused);
            assertEquals("You've been rate limited for sending more than 3 requests in 1m0s.", body.get("message").asText());
            assertEquals("60", header(refused, "Retry-After"));
            assertEquals("3", header(refused, "X-RateLimit-Limit"));
            expect(200, admin.get("/api/v2/users/me"));
            JsonNode stats = stats(server);
            assertEquals(1, stats.get("rate_limited_login").asLong());
            assertEquals(0, stats.get("rate_limited_api").asLong());
            assertEquals(0, stats.get("bypass_refused").asLong());
        }
    }

    @Test
    void keyingByIpLimitsTheOwnerTooAndIgnoresTheBypassHeader() {
        try (SimulatorServer server = start(RateLimits.perMinute(4, 0).keyedBy(RateLimitKey.IP))) {
            SimulatorClient admin = new SimulatorClient(server.url(), server.adminToken());
            String org = expect(200, get(admin, "/api/v2/users/me", "true")).get("organization_ids").get(0).asText();
            expect(201, admin.post("/api/v2/users", """
                    {"email":"m@scaletest.local","username":"scaletest-limit-4","password":"Pa55word-x","organization_ids":["%s"]}"""
                    .formatted(org)));
            String token = expect(201, login(admin.as(null), "m@scaletest.local", null)).get("session_token").asText();
            SimulatorClient member = admin.as(token);
            expect(200, get(member, "/api/v2/users/me", "true")); // no 428: the key is not known to the limiter
            expect(200, get(admin, "/api/v2/users/me", "true"));
            expect(200, member.get("/api/v2/users/me"));
            HttpResponse<String> refused = get(admin, "/api/v2/users/me", "true");
            assertEquals(429, refused.statusCode(), "one bucket per IP and path, owner or not");
            JsonNode stats = stats(server);
            assertEquals(1, stats.get("rate_limited_api").asLong());
            assertEquals(0, stats.get("bypass_refused").asLong());
            assertEquals(1, stats.get("non_owner_bypass_headers").asLong());
        }
    }

    @Test
    void withoutLimitsNothingIsRefusedButNonOwnerBypassHeadersAreCounted() {
        try (SimulatorServer server = start(RateLimits.off())) {
            SimulatorClient admin = new SimulatorClient(server.url(), server.adminToken());
            SimulatorClient member = admin.createUserAndLogin("scaletest-limit-5");
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> passed = get(member, "/api/v2/users/me", "true");
                expect(200, passed);
                assertFalse(passed.headers().firstValue("X-RateLimit-Limit").isPresent());
            }
            expect(200, get(admin, "/api/v2/users/me", "true"));
            expect(201, login(admin.as(null), "scaletest-limit-5@scaletest.local", "true"));
            JsonNode stats = stats(server);
            assertEquals(3, stats.get("non_owner_bypass_headers").asLong());
            assertEquals(0, stats.get("bypass_refused").asLong());
            assertEquals(0, stats.get("rate_limited_api").asLong());
        }
    }

    @Test
    void unknownRoutesUnderTheApiAreLimitedAndOtherPathsAreNot() {
        try (SimulatorServer server = start(RateLimits.perMinute(1, 0))) {
            SimulatorClient anonymous = new SimulatorClient(server.url(), null);
            expect(404, anonymous.get("/api/v2/no/such/route"));
            expect(429, anonymous.get("/api/v2/no/such/route"));
            expect(401, anonymous.get("/api/v2/users/me"));
            expect(429, anonymous.get("/api/v2/users/me"));
            expect(404, anonymous.get("/elsewhere"));
            expect(404, anonymous.get("/elsewhere"));
            expect(200, anonymous.get("/sim/stats"));
            expect(200, anonymous.get("/sim/stats"));
        }
    }
}
