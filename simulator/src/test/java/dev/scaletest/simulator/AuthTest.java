package dev.scaletest.simulator;

import static dev.scaletest.simulator.SimulatorClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The session token is accepted from the header, the cookie and the query parameter; otherwise 401 JSON. */
class AuthTest {
    private static SimulatorServer server;
    private static SimulatorClient anonymous;

    @BeforeAll
    static void start() {
        server = TestServers.start(TestServers.fast(new RecordingEndpoint("pty"), new RecordingEndpoint("app")));
        anonymous = new SimulatorClient(server.url(), null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void headerCookieAndQueryCarryTheToken() {
        String token = server.adminToken();
        assertEquals("admin", expect(200, anonymous.send(anonymous.request("/api/v2/users/me")
                .header("Coder-Session-Token", token).GET().build())).get("username").asText());
        assertEquals("admin", expect(200, anonymous.send(anonymous.request("/api/v2/users/me")
                .header("Cookie", "other=1; coder_session_token=" + token).GET().build())).get("username").asText());
        assertEquals("admin", expect(200, anonymous.get("/api/v2/users/me?coder_session_token=" + token)).get("username").asText());
    }

    @Test
    void missingOrUnknownTokenIs401WithCoderJson() {
        var missing = anonymous.get("/api/v2/users/me");
        JsonNode body = expect(401, missing);
        assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(body.get("message").asText().contains("signed out"));
        expect(401, anonymous.send(anonymous.request("/api/v2/workspaces").header("Coder-Session-Token", "nope-nope").GET().build()));
    }

    @Test
    void loginIssuesANewWorkingToken() {
        JsonNode login = expect(201, anonymous.post("/api/v2/users/login",
                "{\"email\":\"admin@coder.com\",\"password\":\"SomeSecurePassword!\"}"));
        String token = login.get("session_token").asText();
        assertTrue(!token.equals(server.adminToken()));
        assertEquals("owner", anonymous.as(token).me().get("roles").get(0).get("name").asText());
        expect(401, anonymous.post("/api/v2/users/login", "{\"email\":\"admin@coder.com\",\"password\":\"wrong\"}"));
        SimulatorClient admin = anonymous.as(server.adminToken());
        expect(201, admin.post("/api/v2/users", "{\"email\":\"nologin@x.io\",\"username\":\"nologin\",\"login_type\":\"none\"}"));
        expect(401, anonymous.post("/api/v2/users/login", "{\"email\":\"nologin@x.io\",\"password\":\"\"}"));
    }

    @Test
    void membersCannotCreateUsers() {
        SimulatorClient admin = anonymous.as(server.adminToken());
        SimulatorClient member = admin.createUserAndLogin("scaletest-auth-1");
        expect(403, member.post("/api/v2/users", "{\"email\":\"z@z.io\",\"username\":\"zed\",\"password\":\"p\"}"));
        HttpRequest head = member.request("/api/v2/users/me").DELETE().build();
        expect(403, member.send(head));
    }
}
