package dev.scaletest.simulator;

import static dev.scaletest.simulator.SimulatorClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** User and workspace search as coderd does it, with limit/offset pagination and total counts. */
class SearchTest {
    private static SimulatorServer server;
    private static SimulatorClient admin;
    private static SimulatorClient alice;

    @BeforeAll
    static void start() {
        server = TestServers.start(TestServers.fast(new RecordingEndpoint("pty"), new RecordingEndpoint("app")));
        admin = new SimulatorClient(server.url(), server.adminToken());
        alice = admin.createUserAndLogin("scaletest-Alice-1");
        SimulatorClient bob = admin.createUserAndLogin("scaletest-bob-2");
        admin.createUserAndLogin("other-carol");
        alice.createWorkspace("scaletest-alpha-1");
        alice.createWorkspace("scaletest-alpha-2");
        bob.createWorkspace("scaletest-beta-1");
        admin.createWorkspace("admin-alpha");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> names(JsonNode list, String field) {
        List<String> names = new ArrayList<>();
        list.forEach(n -> names.add(n.get(field).asText()));
        return names;
    }

    @Test
    void usersMatchUsernameOrEmailSubstringIgnoringCase() {
        JsonNode page = expect(200, admin.get("/api/v2/users?q=SCALETEST-"));
        assertEquals(2, page.get("count").asInt());
        assertEquals(List.of("scaletest-Alice-1", "scaletest-bob-2"), names(page.get("users"), "username"));
        JsonNode byEmail = expect(200, admin.get("/api/v2/users?q=carol%40scaletest"));
        assertEquals(List.of("other-carol"), names(byEmail.get("users"), "username"));
        assertEquals(4, expect(200, admin.get("/api/v2/users?q=")).get("count").asInt());
    }

    @Test
    void usersPageWithLimitAndOffset() {
        JsonNode second = expect(200, admin.get("/api/v2/users?q=scaletest-&limit=1&offset=1"));
        assertEquals(2, second.get("count").asInt());
        assertEquals(List.of("scaletest-bob-2"), names(second.get("users"), "username"));
        assertEquals(0, expect(200, admin.get("/api/v2/users?q=scaletest-&limit=100&offset=100")).get("users").size());
        expect(400, admin.get("/api/v2/users?limit=-1"));
    }

    @Test
    void workspacesFilterByNameOwnerAndTemplate() {
        JsonNode alpha = expect(200, admin.get("/api/v2/workspaces?q=name%3A%22alpha%22"));
        assertEquals(List.of("admin-alpha", "scaletest-alpha-1", "scaletest-alpha-2"), names(alpha.get("workspaces"), "name"));
        JsonNode aliceOnly = expect(200, admin.get("/api/v2/workspaces?q=owner%3Ascaletest-alice-1+name%3A%22scaletest-%22"));
        assertEquals(2, aliceOnly.get("count").asInt());
        JsonNode mine = expect(200, alice.get("/api/v2/workspaces?q=owner%3A%22me%22"));
        assertEquals(List.of("scaletest-alpha-1", "scaletest-alpha-2"), names(mine.get("workspaces"), "name"));
        JsonNode template = expect(200, admin.get("/api/v2/workspaces?q=template%3A%22KUBERNETES%22+name%3A%22beta%22"));
        assertEquals(List.of("scaletest-beta-1"), names(template.get("workspaces"), "name"));
        assertEquals(0, expect(200, admin.get("/api/v2/workspaces?q=template%3Anope")).get("count").asInt());
        expect(400, admin.get("/api/v2/workspaces?q=colour%3Ablue"));
    }

    @Test
    void membersSeeOnlyTheirOwnWorkspaces() {
        assertEquals(2, expect(200, alice.get("/api/v2/workspaces?q=")).get("count").asInt());
        assertEquals(4, expect(200, admin.get("/api/v2/workspaces?q=")).get("count").asInt());
    }

    @Test
    void workspacesPageWithLimitAndOffset() {
        JsonNode page = expect(200, admin.get("/api/v2/workspaces?q=name%3A%22scaletest-%22&limit=2&offset=1"));
        assertEquals(3, page.get("count").asInt());
        assertEquals(List.of("scaletest-alpha-2", "scaletest-beta-1"), names(page.get("workspaces"), "name"));
    }
}
