package dev.scaletest.simulator;

import static dev.scaletest.simulator.SimulatorClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Web terminal and app requests are checked like coderd does, then handed to their endpoints. */
class AgentRoutingTest {
    private static final RecordingEndpoint PTY = new RecordingEndpoint("pty");
    private static final RecordingEndpoint APP = new RecordingEndpoint("app");
    private static SimulatorServer server;
    private static SimulatorClient admin;
    private static SimulatorClient owner;
    private static String agentId;

    @BeforeAll
    static void start() {
        server = TestServers.start(TestServers.fast(PTY, APP));
        admin = new SimulatorClient(server.url(), server.adminToken());
        owner = admin.createUserAndLogin("scaletest-route-1");
        JsonNode workspace = owner.createWorkspace("routed");
        JsonNode ready = SimulatorClient.await("agent connected",
                () -> expect(200, owner.get("/api/v2/workspaces/" + workspace.get("id").asText())),
                w -> w.at("/latest_build/resources/0/agents/0/status").asText().equals("connected"));
        agentId = ready.at("/latest_build/resources/0/agents/0/id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String ptyPath(String agent, String reconnect) {
        return "/api/v2/workspaceagents/" + agent + "/pty?reconnect=" + reconnect + "&width=80&height=24&command=";
    }

    @Test
    void ptyReachesTheEndpointWithCookieAuth() {
        HttpResponse<String> response = owner.as(null).send(owner.as(null).request(ptyPath(agentId, UUID.randomUUID().toString()))
                .header("Cookie", "coder_session_token=" + owner.token).GET().build());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("pty", response.headers().firstValue("X-Test-Endpoint").orElse(""));
        assertEquals("pty " + agentId, response.body());
        assertTrue(PTY.accepted.stream().anyMatch(a -> a.agentId().toString().equals(agentId)
                && a.ownerName().equals("scaletest-route-1") && a.connected()));
    }

    private static void assertHtmlNotFound(HttpResponse<String> response) {
        assertEquals(404, response.statusCode(), response.body());
        assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("<h1>404 - Application Not Found</h1>"), response.body());
        assertTrue(response.body().contains("<a href=\"" + server.url() + "\">Back to site</a>"), response.body());
    }

    @Test
    void ptyChecksAgentAccessStateAndReconnectId() {
        // coderd resolves the terminal like an app: an unknown agent and a signed-in caller without
        // the permission both get its HTML 404 page; no valid key gets a JSON 404.
        assertHtmlNotFound(owner.get(ptyPath(UUID.randomUUID().toString(), UUID.randomUUID().toString())));
        expect(400, owner.get(ptyPath(agentId, "not-a-uuid")));
        assertEquals("Resource not found or you do not have access to this resource",
                expect(404, owner.as(null).get(ptyPath(agentId, UUID.randomUUID().toString()))).get("message").asText());
        SimulatorClient stranger = admin.createUserAndLogin("scaletest-route-2");
        assertHtmlNotFound(stranger.get(ptyPath(agentId, UUID.randomUUID().toString())));
        assertHtmlNotFound(stranger.get("/@scaletest-route-1/routed.main/apps/echo/"));
        assertEquals(200, admin.get(ptyPath(agentId, UUID.randomUUID().toString())).statusCode());
    }

    @Test
    void theAgentEndpointAnswersTheWorkspaceOwnerAndSiteOwnersOnly() {
        JsonNode agent = expect(200, owner.get("/api/v2/workspaceagents/" + agentId));
        assertEquals(agentId, agent.get("id").asText());
        assertEquals("main", agent.get("name").asText());
        assertEquals("connected", agent.get("status").asText());
        assertEquals("echo", agent.at("/apps/0/slug").asText());
        assertEquals(agentId, expect(200, admin.get("/api/v2/workspaceagents/" + agentId)).get("id").asText());
        String missing = "Agent doesn't exist with that id, or you do not have access to it.";
        SimulatorClient stranger = admin.createUserAndLogin("scaletest-route-3");
        assertEquals(missing, expect(404, stranger.get("/api/v2/workspaceagents/" + agentId)).get("message").asText());
        assertEquals(missing, expect(404, owner.get("/api/v2/workspaceagents/" + UUID.randomUUID())).get("message").asText());
        expect(400, owner.get("/api/v2/workspaceagents/not-a-uuid"));
        expect(401, owner.as(null).get("/api/v2/workspaceagents/" + agentId));
    }

    @Test
    void appPathsReachTheAppEndpoint() {
        HttpResponse<String> response = owner.get("/@scaletest-route-1/routed.main/apps/echo/?x=1");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("app", response.headers().firstValue("X-Test-Endpoint").orElse(""));
        assertEquals(200, owner.get("/@me/routed/apps/echo/deeper/path").statusCode());
        assertTrue(APP.uris.contains("/@scaletest-route-1/routed.main/apps/echo/?x=1"));
        assertEquals(200, owner.as(null).get("/@scaletest-route-1/routed.main/apps/echo/?coder_session_token=" + owner.token)
                .statusCode());
    }

    @Test
    void appPathsRedirectAuthenticateAndCheckTheSlug() {
        HttpResponse<String> redirect = owner.get("/@scaletest-route-1/routed.main/apps/echo?a=b");
        assertEquals(307, redirect.statusCode());
        assertEquals("/@scaletest-route-1/routed.main/apps/echo/?a=b", redirect.headers().firstValue("Location").orElse(""));
        expect(404, owner.get("/@scaletest-route-1/routed.main/apps/nope/"));
        expect(404, owner.get("/@scaletest-route-1/missing.main/apps/echo/"));
        expect(404, owner.get("/@scaletest-route-1/routed.other/apps/echo/"));
        expect(401, owner.as(null).get("/@scaletest-route-1/routed.main/apps/echo/"));
    }
}
