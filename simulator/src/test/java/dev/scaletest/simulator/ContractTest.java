package dev.scaletest.simulator;

import static dev.scaletest.simulator.SimulatorClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every response body of every route, success and error, matches its swagger definition exactly. */
class ContractTest {
    private static final SwaggerContract SWAGGER = new SwaggerContract();
    private static SimulatorServer server;
    private static SimulatorClient admin;
    private final List<String> failures = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServers.start(TestServers.fast(new RecordingEndpoint("pty"), new RecordingEndpoint("app"))
                .withAppHostWildcard("*.apps.example.com"));
        admin = new SimulatorClient(server.url(), server.adminToken());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private JsonNode check(String definition, int status, HttpResponse<String> response) {
        JsonNode json = expect(status, response);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                () -> response.request().uri() + " content type " + response.headers().firstValue("Content-Type"));
        Set<ValidationMessage> violations = SWAGGER.violations(definition, json);
        if (!violations.isEmpty()) {
            failures.add(response.request().method() + " " + response.request().uri().getPath() + " as " + definition
                    + ": " + violations + "\n  body: " + response.body());
        }
        return json;
    }

    @Test
    void everyRouteAnswersWithItsSwaggerShape() {
        check("BuildInfoResponse", 200, admin.as(null).get("/api/v2/buildinfo"));
        check("Response", 200, admin.as(null).get("/api/v2/users/first"));
        check("Response", 409, admin.as(null).post("/api/v2/users/first", "{}"));
        check("Response", 401, admin.as(null).post("/api/v2/users/login", "{\"email\":\"admin@coder.com\",\"password\":\"wrong\"}"));
        JsonNode me = check("User", 200, admin.get("/api/v2/users/me"));
        check("User", 200, admin.get("/api/v2/users/admin"));
        check("User", 200, admin.get("/api/v2/users/" + me.get("id").asText()));
        String org = me.get("organization_ids").get(0).asText();
        check("[]Organization", 200, admin.get("/api/v2/users/me/organizations"));
        check("Organization", 200, admin.get("/api/v2/organizations/" + org));
        JsonNode templates = check("[]Template", 200, admin.get("/api/v2/organizations/" + org + "/templates"));
        String templateId = templates.get(0).get("id").asText();
        JsonNode template = check("Template", 200, admin.get("/api/v2/templates/" + templateId));
        String tv = template.get("active_version_id").asText();
        check("TemplateVersion", 200, admin.get("/api/v2/templateversions/" + tv));
        JsonNode params = check("[]TemplateVersionParameter", 200, admin.get("/api/v2/templateversions/" + tv + "/rich-parameters"));
        assertEquals("cpu", params.get(0).get("name").asText());
        assertEquals(0, expect(200, admin.get("/api/v2/templateversions/" + tv + "/external-auth")).size());

        JsonNode dryRun = check("ProvisionerJob", 201, admin.post("/api/v2/templateversions/" + tv + "/dry-run",
                "{\"workspace_name\":\"scaletest-1\",\"rich_parameter_values\":[]}"));
        String dry = "/api/v2/templateversions/" + tv + "/dry-run/" + dryRun.get("id").asText();
        assertEquals("succeeded", check("ProvisionerJob", 200, admin.get(dry)).get("status").asText());
        assertEquals(3, check("MatchedProvisioners", 200, admin.get(dry + "/matched-provisioners")).get("count").asInt());
        JsonNode planned = check("[]WorkspaceResource", 200, admin.get(dry + "/resources"));
        assertEquals("main", planned.at("/0/agents/0/name").asText());
        assertTrue(check("[]ProvisionerJobLog", 200, admin.get(dry + "/logs")).size() > 0);
        check("Response", 400, admin.patch(dry + "/cancel"));

        JsonNode user = check("User", 201, admin.post("/api/v2/users", """
                {"email":"c1@scaletest.local","username":"scaletest-c1","name":"","password":"Pa55word-x","login_type":"","organization_ids":["%s"],"user_status":null}"""
                .formatted(org)));
        check("Response", 400, admin.post("/api/v2/users", "{\"email\":\"bad\",\"username\":\"-bad-\",\"password\":\"x\"}"));
        check("Response", 409, admin.post("/api/v2/users", """
                {"email":"c1@scaletest.local","username":"scaletest-c1","password":"Pa55word-x"}"""));
        JsonNode login = check("LoginWithPasswordResponse", 201, admin.as(null).post("/api/v2/users/login",
                "{\"email\":\"c1@scaletest.local\",\"password\":\"Pa55word-x\"}"));
        SimulatorClient member = admin.as(login.get("session_token").asText());
        JsonNode promoted = check("User", 200, admin.send(admin.request("/api/v2/users/" + user.get("id").asText() + "/roles")
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"roles\":[\"template-admin\"]}")).build()));
        assertEquals("template-admin", promoted.at("/roles/0/name").asText());
        assertEquals("Template Admin", promoted.at("/roles/0/display_name").asText());
        JsonNode key = check("GenerateAPIKeyResponse", 201, member.post("/api/v2/users/me/keys/tokens",
                "{\"lifetime\":3600000000000,\"scope\":\"all\",\"token_name\":\"scaletest\"}"));
        assertEquals("scaletest-c1", admin.as(key.get("key").asText()).me().get("username").asText());
        String keyId = key.get("key").asText().substring(0, 10);
        check("GenerateAPIKeyResponse", 201, admin.post("/api/v2/users/scaletest-c1/keys/tokens", "{\"token_name\":\"by-owner\"}"));
        check("Response", 409, admin.post("/api/v2/users/scaletest-c1/keys/tokens", "{\"token_name\":\"by-owner\"}"));
        check("Response", 400, admin.post("/api/v2/users/scaletest-c1/keys/tokens", "{\"lifetime\":-5}"));
        check("Response", 404, member.post("/api/v2/users/admin/keys/tokens", "{}"));
        check("APIKey", 200, member.get("/api/v2/users/me/keys/" + keyId));
        check("TokenConfig", 200, member.get("/api/v2/users/me/keys/tokens/tokenconfig"));
        // The file says []codersdk.APIKey; coderd answers codersdk.APIKeyWithOwner, the key plus the
        // owner's username, which is checked apart before the rest is held to the file.
        JsonNode listed = expect(200, admin.get("/api/v2/users/scaletest-c1/keys/tokens"));
        assertEquals(2, listed.size(), listed.toString());
        for (JsonNode entry : listed) {
            assertEquals("scaletest-c1", entry.get("username").asText());
            ((com.fasterxml.jackson.databind.node.ObjectNode) entry).remove("username");
        }
        Set<ValidationMessage> listViolations = SWAGGER.violations("[]APIKey", listed);
        assertTrue(listViolations.isEmpty(), listViolations::toString);
        HttpResponse<String> deleted = admin.delete("/api/v2/users/scaletest-c1/keys/" + keyId);
        assertEquals(204, deleted.statusCode(), deleted.body());
        check("Response", 404, admin.delete("/api/v2/users/scaletest-c1/keys/" + keyId));
        check("GetUsersResponse", 200, admin.get("/api/v2/users?q=scaletest-&limit=10"));

        JsonNode workspace = check("Workspace", 201, member.post("/api/v2/organizations/" + org + "/members/"
                + user.get("id").asText() + "/workspaces", """
                {"template_id":"%s","template_version_id":"00000000-0000-0000-0000-000000000000","name":"scaletest-w1","autostart_schedule":null,"ttl_ms":null,"rich_parameter_values":[{"name":"cpu","value":"4"}],"template_version_preset_id":"00000000-0000-0000-0000-000000000000","unknown_field":1}"""
                .formatted(templateId)));
        check("Workspace", 201, member.post("/api/v2/users/me/workspaces", """
                {"template_id":"%s","name":"scaletest-w2"}""".formatted(templateId)));
        check("Response", 409, member.post("/api/v2/users/me/workspaces", """
                {"template_id":"%s","name":"scaletest-w2"}""".formatted(templateId)));
        check("Response", 400, member.post("/api/v2/users/me/workspaces", """
                {"template_id":"%s","name":"bad--name"}""".formatted(templateId)));
        String workspaceId = workspace.get("id").asText();
        String buildId = workspace.get("latest_build").get("id").asText();
        check("WorkspaceBuild", 200, member.get("/api/v2/workspacebuilds/" + buildId));
        admin.awaitBuildDone(buildId);
        JsonNode running = SimulatorClient.await("agent connected", () -> check("Workspace", 200,
                        member.get("/api/v2/workspaces/" + workspaceId)),
                w -> w.at("/latest_build/resources/0/agents/0/lifecycle_state").asText().equals("ready"));
        assertEquals("connected", running.at("/latest_build/resources/0/agents/0/status").asText());
        assertEquals("echo", running.at("/latest_build/resources/0/agents/0/apps/0/slug").asText());
        String agentId = running.at("/latest_build/resources/0/agents/0/id").asText();
        assertEquals(agentId, check("WorkspaceAgent", 200, member.get("/api/v2/workspaceagents/" + agentId)).get("id").asText());
        check("WorkspacesResponse", 200, admin.get("/api/v2/workspaces?q=owner:%22scaletest-c1%22"));
        check("[]ProvisionerJobLog", 200, member.get("/api/v2/workspacebuilds/" + buildId + "/logs"));
        check("Response", 400, member.patch("/api/v2/workspacebuilds/" + buildId + "/cancel"));

        JsonNode stop = check("WorkspaceBuild", 201, member.post("/api/v2/workspaces/" + workspaceId + "/builds", """
                {"transition":"stop","template_version_id":"00000000-0000-0000-0000-000000000000"}"""));
        check("Response", 409, member.post("/api/v2/workspaces/" + workspaceId + "/builds", "{\"transition\":\"start\"}"));
        admin.awaitBuildDone(stop.get("id").asText());
        JsonNode start = check("WorkspaceBuild", 201, member.post("/api/v2/workspaces/" + workspaceId + "/builds",
                "{\"transition\":\"start\"}"));
        check("Response", 200, member.patch("/api/v2/workspacebuilds/" + start.get("id").asText() + "/cancel"));
        check("WorkspaceBuild", 200, member.get("/api/v2/workspacebuilds/" + start.get("id").asText()));
        check("Response", 400, member.post("/api/v2/workspaces/" + workspaceId + "/builds", "{\"transition\":\"explode\"}"));
        JsonNode delete = check("WorkspaceBuild", 201, member.post("/api/v2/workspaces/" + workspaceId + "/builds",
                "{\"transition\":\"delete\",\"template_version_id\":\"00000000-0000-0000-0000-000000000000\"}"));
        admin.awaitBuildDone(delete.get("id").asText());
        check("Response", 410, member.get("/api/v2/workspaces/" + workspaceId));
        check("Workspace", 200, member.get("/api/v2/workspaces/" + workspaceId + "?include_deleted=true"));

        JsonNode config = check("DeploymentConfig", 200, admin.get("/api/v2/deployment/config"));
        assertFalse(config.at("/config/dangerous/allow_path_app_site_owner_access").asBoolean(), config.toString());
        assertEquals(java.time.Duration.ofHours(876_600).toNanos(), config.at("/config/session_lifetime/max_token_lifetime").asLong());
        JsonNode host = check("AppHostResponse", 200, admin.get("/api/v2/applications/host"));
        assertEquals("*.apps.example.com", host.get("host").asText());
        check("Response", 401, admin.as(null).get("/api/v2/users/me"));
        check("Response", 404, admin.get("/api/v2/no/such/route"));
        check("Response", 404, admin.get("/elsewhere"));
        check("Response", 405, admin.delete("/api/v2/buildinfo"));
        check("Response", 413, admin.post("/api/v2/users", "x".repeat((1 << 20) + 1)));
        check("Response", 404, admin.get("/api/v2/workspaces/" + java.util.UUID.randomUUID()));
        check("Response", 417, admin.delete("/api/v2/users/" + user.get("id").asText()));
        check("Response", 404, admin.get("/api/v2/workspaceagents/" + java.util.UUID.randomUUID()));
        check("Response", 404, admin.get("/api/v2/workspaceagents/" + agentId));
        // The OpenAPI file lists only 101 for the terminal; coderd answers a missing agent with its
        // HTML page (see AgentRoutingTest), so there is no JSON to check here.
        assertEquals(404, admin.get("/api/v2/workspaceagents/" + agentId + "/pty?reconnect=" + java.util.UUID.randomUUID())
                .statusCode());
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }

    @Test
    void rateLimitRefusalsAreCodersResponse() {
        // The OpenAPI file lists no 429 for any operation; coderd's limiter answers every limited
        // route with a codersdk.Response, which is what is checked here.
        try (SimulatorServer limited = TestServers.start(TestServers.fast(new RecordingEndpoint("pty"), new RecordingEndpoint("app"))
                .withAccessRules(AccessRules.open().withRateLimits(dev.scaletest.simulator.ratelimit.RateLimits.perMinute(1, 1))))) {
            SimulatorClient anonymous = new SimulatorClient(limited.url(), null);
            check("BuildInfoResponse", 200, anonymous.get("/api/v2/buildinfo"));
            check("Response", 429, anonymous.get("/api/v2/buildinfo"));
            String login = "{\"email\":\"admin@coder.com\",\"password\":\"SomeSecurePassword!\"}";
            check("LoginWithPasswordResponse", 201, anonymous.post("/api/v2/users/login", login));
            check("Response", 429, anonymous.post("/api/v2/users/login", login));
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }

    @Test
    void timestampsLookLikeGoRfc3339Nano() {
        JsonNode me = expect(200, admin.get("/api/v2/users/me"));
        assertTrue(me.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z"),
                me.get("created_at").asText());
    }

    @Test
    void contractCheckRejectsUnknownAndMistypedFields() {
        JsonNode extra = SimulatorClient.JSON.createObjectNode().put("message", "x").put("not_in_swagger", 1);
        assertFalse(SWAGGER.violations("Response", extra).isEmpty());
        JsonNode mistyped = SimulatorClient.JSON.createObjectNode().put("id", "not-a-uuid").put("username", "u")
                .put("email", "e@x.io").put("created_at", "2024-01-01T00:00:00Z");
        assertFalse(SWAGGER.violations("User", mistyped).isEmpty());
    }
}
