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

    @Test
    void ptyChecksAgentAccessStateAndReconnectId() {
        expect(404, owner.get(ptyPath(UUID.randomUUID().toString(), UUID.randomUUID().toString())));
        expect(400, owner.get(ptyPath(agentId, "not-a-uuid")));
        expect(401, owner.as(null).get(ptyPath(agentId, UUID.randomUUID().toString())));
        SimulatorClient stranger = admin.createUserAndLogin("scaletest-route-2");
        expect(403, stranger.get(ptyPath(agentId, UUID.randomUUID().toString())));
        assertEquals(200, admin.get(ptyPath(agentId, UUID.randomUUID().toString())).statusCode());
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
