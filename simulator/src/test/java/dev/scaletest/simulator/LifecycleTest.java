package dev.scaletest.simulator;

import static dev.scaletest.simulator.SimulatorClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Workspaces from creation to deletion, agents connecting and disconnecting, users deleted last. */
class LifecycleTest {
    private static SimulatorServer server;
    private static SimulatorClient admin;

    @BeforeAll
    static void start() {
        server = TestServers.start(TestServers.fast(new RecordingEndpoint("pty"), new RecordingEndpoint("app"))
                .withAgentConnectTime(Distribution.fixed(Duration.ofMillis(400))));
        admin = new SimulatorClient(server.url(), server.adminToken());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void userWithWorkspacesCannotBeDeletedUntilTheyAreGone() {
        SimulatorClient user = admin.createUserAndLogin("scaletest-life-1");
        String userId = user.me().get("id").asText();
        JsonNode workspace = user.createWorkspace("scaletest-life-ws");
        String id = workspace.get("id").asText();
        user.awaitBuildDone(workspace.at("/latest_build/id").asText());

        JsonNode refused = expect(417, admin.delete("/api/v2/users/" + userId));
        assertTrue(refused.get("message").asText().contains("workspace"), refused::toString);

        JsonNode delete = expect(201, user.post("/api/v2/workspaces/" + id + "/builds",
                "{\"transition\":\"delete\",\"template_version_id\":\"00000000-0000-0000-0000-000000000000\"}"));
        assertEquals("delete", delete.get("transition").asText());
        JsonNode done = user.awaitBuildDone(delete.get("id").asText());
        assertEquals("succeeded", done.at("/job/status").asText());
        assertEquals("deleted", done.get("status").asText());

        JsonNode gone = expect(410, user.get("/api/v2/workspaces/" + id));
        assertTrue(gone.get("message").asText().contains("deleted"));
        expect(200, user.get("/api/v2/workspaces/" + id + "?include_deleted=true"));
        assertEquals(0, expect(200, admin.get("/api/v2/workspaces?q=name%3Ascaletest-life-ws")).get("count").asInt());

        expect(200, admin.delete("/api/v2/users/" + userId));
        expect(404, admin.get("/api/v2/users/" + userId));
        expect(401, user.get("/api/v2/users/me"));
    }

    @Test
    void agentConnectsAfterAStartBuildAndDisconnectsOnStop() {
        JsonNode workspace = admin.createWorkspace("agent-life");
        String id = workspace.get("id").asText();
        assertEquals(0, workspace.at("/latest_build/resources").size());
        admin.awaitBuild(workspace.at("/latest_build/id").asText(), "succeeded"::equals);
        JsonNode connecting = expect(200, admin.get("/api/v2/workspaces/" + id));
        JsonNode agent = connecting.at("/latest_build/resources/0/agents/0");
        assertEquals("main", agent.get("name").asText());
        assertEquals("running", connecting.at("/latest_build/status").asText());
        assertTrue(agent.get("status").asText().equals("connecting") || agent.get("status").asText().equals("connected"));
        JsonNode ready = SimulatorClient.await("agent ready", () -> expect(200, admin.get("/api/v2/workspaces/" + id)),
                w -> w.at("/latest_build/resources/0/agents/0/lifecycle_state").asText().equals("ready"));
        assertEquals("connected", ready.at("/latest_build/resources/0/agents/0/status").asText());
        String agentId = ready.at("/latest_build/resources/0/agents/0/id").asText();
        assertEquals("connected", server.directory().agent(java.util.UUID.fromString(agentId)).orElseThrow().status());

        JsonNode stop = expect(201, admin.post("/api/v2/workspaces/" + id + "/builds", "{\"transition\":\"stop\"}"));
        admin.awaitBuild(stop.get("id").asText(), "succeeded"::equals);
        JsonNode stopped = expect(200, admin.get("/api/v2/workspaces/" + id));
        assertEquals("stopped", stopped.at("/latest_build/status").asText());
        assertEquals("disconnected", server.directory().agent(java.util.UUID.fromString(agentId)).orElseThrow().status());
    }

    @Test
    void workspaceNamesFollowCoderRules() {
        expect(400, admin.post("/api/v2/users/me/workspaces", "{\"template_id\":\"" + admin.templateId() + "\",\"name\":\"-x\"}"));
        expect(400, admin.post("/api/v2/users/me/workspaces", "{\"template_id\":\"" + admin.templateId()
                + "\",\"name\":\"a-very-long-workspace-name-over-32c\"}"));
        expect(400, admin.post("/api/v2/users/me/workspaces", "{\"template_id\":\"" + admin.templateId()
                + "\",\"name\":\"ok-name\",\"rich_parameter_values\":[{\"name\":\"nope\",\"value\":\"1\"}]}"));
        JsonNode bad = expect(400, admin.post("/api/v2/users", "{\"email\":\"x\",\"username\":\"a--b\",\"password\":\"p\"}"));
        assertEquals(2, bad.get("validations").size());
    }
}
