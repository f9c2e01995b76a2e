package dev.scaletest.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.coder.ScriptedCoder.Reply;
import dev.scaletest.coder.ScriptedCoder.Seen;
import dev.scaletest.coder.model.CoderJson;
import dev.scaletest.coder.model.CreateUserRequest;
import dev.scaletest.coder.model.CreateWorkspaceBuildRequest;
import dev.scaletest.coder.model.CreateWorkspaceRequest;
import dev.scaletest.coder.model.LoginResponse;
import dev.scaletest.coder.model.WorkspaceBuildParameter;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.coder.wire.RetryPolicy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoderClientRequestsTest {
    private static final ObjectMapper JSON = CoderJson.newMapper();
    private static final UUID ORG = UUID.fromString("3f8a1e2b-1111-4c2d-9e0f-0123456789ab");
    private static final UUID USER = UUID.fromString("aaaaaaaa-2222-4c2d-9e0f-0123456789ab");
    private static final String USER_JSON = "{\"id\":\"" + USER + "\",\"username\":\"admin\",\"email\":\"admin@x.io\","
            + "\"organization_ids\":[\"" + ORG + "\"],\"roles\":[{\"name\":\"owner\",\"display_name\":\"Owner\"}]}";

    private ScriptedCoder coder;
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Map<String, Long> timings = new ConcurrentHashMap<>();
    private CoderClient runner;

    @BeforeEach
    void start() throws Exception {
        coder = new ScriptedCoder();
        runner = CoderClient.builder(coder.endpoint(List.of(new CoderEndpoint.Header("X-Proxy-Auth", "abc=def"))), ScriptedCoder.httpClient())
                .bypassRateLimit(true).retry(RetryPolicy.NONE).requestLog(logLines::add).latency(timings::put).build();
    }

    @AfterEach
    void stop() {
        coder.close();
    }

    @Test
    void runnerCallsCarryTokenBypassCustomHeadersAndUserAgent() throws Exception {
        coder.on("GET", "/api/v2/users/me", Reply.json(200, USER_JSON));
        assertTrue(runner.me().siteOwner());
        Seen s = coder.requests().getFirst();
        assertEquals(ScriptedCoder.TOKEN, s.header("Coder-Session-Token"));
        assertEquals("true", s.header("X-Coder-Bypass-Ratelimit"));
        assertEquals("abc=def", s.header("X-Proxy-Auth"));
        assertEquals("scaletest/dev", s.header("User-Agent"), "no version given: the default");
        assertNull(s.header("Content-Type"));
    }

    @Test
    void theUserAgentGivenToTheBuilderGoesOutOnEveryIdentitysCalls() throws Exception {
        coder.on("GET", "/api/v2/users/me", Reply.json(200, USER_JSON));
        CoderClient owner = CoderClient.builder(coder.endpoint(List.of()), ScriptedCoder.httpClient()).retry(RetryPolicy.NONE)
                .userAgent("scaletest/1.2.3").build();
        owner.me();
        owner.asUser("user-token-value").me();
        assertEquals(List.of("scaletest/1.2.3", "scaletest/1.2.3"), coder.requests().stream().map(r -> r.header("User-Agent")).toList());
    }

    @Test
    void userClientsActWithTheUsersTokenAndHeadersAndNeverTheBypass() throws Exception {
        UUID ws = UUID.randomUUID();
        UUID build = UUID.randomUUID();
        String workspace = "{\"id\":\"" + ws + "\",\"name\":\"scaletest-a-0\",\"latest_build\":{\"id\":\"" + build + "\"}}";
        String buildJson = "{\"id\":\"" + build + "\",\"transition\":\"delete\"}";
        coder.on("GET", "/api/v2/users/me", Reply.json(200, USER_JSON));
        coder.on("POST", "/api/v2/organizations/" + ORG + "/members/" + USER + "/workspaces", Reply.json(201, workspace));
        coder.on("GET", "/api/v2/workspaces/" + ws, Reply.json(200, workspace));
        coder.on("GET", "/api/v2/workspacebuilds/" + build, Reply.json(200, buildJson));
        coder.on("POST", "/api/v2/workspaces/" + ws + "/builds", Reply.json(201, buildJson));
        coder.on("PATCH", "/api/v2/workspacebuilds/" + build + "/cancel", Reply.json(200, "{\"message\":\"ok\"}"));
        CoderClient user = runner.asUser("user-token-value");
        user.me();
        user.createWorkspace(ORG, USER, CreateWorkspaceRequest.forTemplate(UUID.randomUUID(), "scaletest-a-0", List.of()));
        user.workspace(ws);
        user.build(build);
        user.cancelBuild(build);
        user.createBuild(ws, CreateWorkspaceBuildRequest.delete());
        assertEquals(6, coder.requests().size());
        for (Seen s : coder.requests()) {
            assertNull(s.header("X-Coder-Bypass-Ratelimit"), s.method() + " " + s.path());
            assertEquals("user-token-value", s.header("Coder-Session-Token"), s.method() + " " + s.path());
            assertEquals("abc=def", s.header("X-Proxy-Auth"), s.method() + " " + s.path());
        }
        assertFalse(user.bypassRateLimit());
        assertEquals("user-token-value", user.endpoint().sessionToken());
        assertEquals(runner.endpoint().headers(), user.endpoint().headers());
        assertEquals(ScriptedCoder.TOKEN, runner.endpoint().sessionToken());
    }

    @Test
    void theOwnersClientKeepsTheBypassAfterDerivingAUserClient() throws Exception {
        coder.on("GET", "/api/v2/users/me", Reply.json(200, USER_JSON));
        runner.asUser("user-token-value").me();
        runner.me();
        Seen owner = coder.requests().get(1);
        assertEquals("true", owner.header("X-Coder-Bypass-Ratelimit"));
        assertEquals(ScriptedCoder.TOKEN, owner.header("Coder-Session-Token"));
    }

    @Test
    void aUserClientNeedsAToken() {
        assertThrows(IllegalArgumentException.class, () -> runner.asUser(""));
        assertThrows(IllegalArgumentException.class, () -> runner.asUser(null));
    }

    @Test
    void loginGoesOutWithoutBypassOrTokenButWithTheHeaders() throws Exception {
        coder.on("POST", "/api/v2/users/login", Reply.json(201, "{\"session_token\":\"new-user-token-123\"}"));
        LoginResponse r = runner.login("u@scaletest.local", "pa55word-Secret");
        assertEquals("new-user-token-123", r.sessionToken());
        assertFalse(r.toString().contains("new-user-token-123"));
        Seen s = coder.requests().getFirst();
        assertNull(s.header("X-Coder-Bypass-Ratelimit"));
        // An authenticating proxy in front of coderd must let the login through too.
        assertEquals("abc=def", s.header("X-Proxy-Auth"));
        assertNull(s.header("Coder-Session-Token"));
        assertEquals("application/json", s.header("Content-Type"));
        JsonNode body = JSON.readTree(s.body());
        assertEquals("u@scaletest.local", body.get("email").asText());
        assertEquals("pa55word-Secret", body.get("password").asText());
        for (String line : logLines) {
            assertFalse(line.contains("pa55word"), line);
        }
    }

    @Test
    void createUserSendsGoShapedBodyAndExpects201() throws Exception {
        coder.on("POST", "/api/v2/users", Reply.json(201, USER_JSON));
        runner.createUser(CreateUserRequest.passwordUser("x1-0@scaletest.local", "scaletest-x1-0", "pw", ORG));
        Seen s = coder.requests().getFirst();
        assertEquals("{\"email\":\"x1-0@scaletest.local\",\"username\":\"scaletest-x1-0\",\"name\":\"\",\"password\":\"pw\","
                + "\"login_type\":\"\",\"organization_ids\":[\"" + ORG + "\"]}", s.body());
        assertEquals("application/json", s.header("Content-Type"));
        assertEquals("true", s.header("X-Coder-Bypass-Ratelimit"));
    }

    @Test
    void createWorkspacePostsToMemberRouteWithZeroVersionAndNullSchedule() throws Exception {
        UUID template = UUID.randomUUID();
        UUID ws = UUID.randomUUID();
        coder.on("POST", "/api/v2/organizations/" + ORG + "/members/" + USER + "/workspaces",
                Reply.json(201, "{\"id\":\"" + ws + "\",\"name\":\"scaletest-abc-1\",\"latest_build\":{\"id\":\"" + UUID.randomUUID() + "\"}}"));
        var created = runner.createWorkspace(ORG, USER,
                CreateWorkspaceRequest.forTemplate(template, "scaletest-abc-1", List.of(new WorkspaceBuildParameter("region", "eu"))));
        assertEquals(ws, created.id());
        assertEquals("{\"template_id\":\"" + template + "\",\"template_version_id\":\"00000000-0000-0000-0000-000000000000\","
                + "\"name\":\"scaletest-abc-1\",\"autostart_schedule\":null,\"rich_parameter_values\":[{\"name\":\"region\",\"value\":\"eu\"}]}",
                coder.requests().getFirst().body());
    }

    @Test
    void buildRequestsOmitEmptyParameters() throws Exception {
        UUID ws = UUID.randomUUID();
        coder.on("POST", "/api/v2/workspaces/" + ws + "/builds", Reply.json(201, "{\"id\":\"" + UUID.randomUUID() + "\",\"transition\":\"delete\"}"));
        runner.createBuild(ws, CreateWorkspaceBuildRequest.delete());
        runner.createBuild(ws, CreateWorkspaceBuildRequest.start(List.of(new WorkspaceBuildParameter("a", "b"))));
        List<Seen> seen = coder.requests();
        assertEquals("{\"template_version_id\":\"00000000-0000-0000-0000-000000000000\",\"transition\":\"delete\"}", seen.get(0).body());
        assertEquals("{\"template_version_id\":\"00000000-0000-0000-0000-000000000000\",\"transition\":\"start\","
                + "\"rich_parameter_values\":[{\"name\":\"a\",\"value\":\"b\"}]}", seen.get(1).body());
    }

    @Test
    void methodsAndExpectedStatuses() throws Exception {
        UUID u = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        coder.on("DELETE", "/api/v2/users/" + u, Reply.json(200, "{\"message\":\"User has been deleted!\"}"));
        coder.on("PATCH", "/api/v2/workspacebuilds/" + b + "/cancel", Reply.json(200, "{\"message\":\"Job has been marked as canceled...\"}"));
        coder.on("GET", "/api/v2/deployment/config", Reply.json(200, "{\"config\":{\"disable_owner_workspace_exec\":true,\"access_url\":{}}}"));
        coder.on("GET", "/api/v2/applications/host", Reply.json(200, "{\"host\":\"*.apps.example.com\"}"));
        coder.on("GET", "/api/v2/buildinfo", Reply.json(200, "{\"version\":\"v2.99.0\",\"external_url\":\"https://github.com/coder/coder\"}"));
        runner.deleteUser(u);
        runner.cancelBuild(b);
        assertTrue(runner.deploymentConfig().ownerWorkspaceExecDisabled());
        assertEquals("*.apps.example.com", runner.appHost().host());
        assertEquals("v2.99.0", runner.buildInfo().version());
        List<String> methods = new ArrayList<>();
        coder.requests().forEach(s -> methods.add(s.method() + " " + s.path()));
        assertEquals(List.of("DELETE /api/v2/users/" + u, "PATCH /api/v2/workspacebuilds/" + b + "/cancel", "GET /api/v2/deployment/config",
                "GET /api/v2/applications/host", "GET /api/v2/buildinfo"), methods);
        assertTrue(timings.containsKey("DELETE /users/{user}"));
        assertTrue(timings.containsKey("PATCH /workspacebuilds/{workspacebuild}/cancel"));
        assertTrue(timings.get("GET /buildinfo") > 0);
    }

    @Test
    void requestLogHasOneLinePerAttemptWithoutSecrets() throws Exception {
        coder.on("GET", "/api/v2/users/me", Reply.json(200, USER_JSON));
        runner.me();
        assertEquals(1, logLines.size());
        assertTrue(logLines.getFirst().matches("GET http://127\\.0\\.0\\.1:\\d+/api/v2/users/me -> 200 \\(\\d+\\.\\dms\\)"), logLines.getFirst());
    }

    @Test
    void tokenNeverShowsInMessagesOrToString() throws Exception {
        coder.on("GET", "/api/v2/users/me", Reply.json(401,
                "{\"message\":\"Invalid token " + ScriptedCoder.TOKEN + ".\",\"detail\":\"token " + ScriptedCoder.TOKEN + "\","
                        + "\"validations\":[{\"field\":\"token\",\"detail\":\"" + ScriptedCoder.TOKEN + "\"}]}"));
        CoderApiException e = assertThrows(CoderApiException.class, runner::me);
        assertFalse(e.getMessage().contains(ScriptedCoder.TOKEN), e.getMessage());
        assertFalse(e.toString().contains(ScriptedCoder.TOKEN));
        assertFalse(runner.toString().contains(ScriptedCoder.TOKEN));
        assertFalse(runner.endpoint().toString().contains(ScriptedCoder.TOKEN));
        for (String line : logLines) {
            assertFalse(line.contains(ScriptedCoder.TOKEN), line);
        }
        CoderCliConfig cfg = new CoderCliConfig(java.nio.file.Path.of("/x"), URI.create("https://c.example"), ScriptedCoder.TOKEN);
        assertFalse(cfg.toString().contains(ScriptedCoder.TOKEN));
        assertFalse(CreateUserRequest.passwordUser("e@x", "u", "pw-Secret-1", ORG).toString().contains("pw-Secret-1"));
    }

    @Test
    void queriesAreEncodedLikeGo() throws Exception {
        coder.on("GET", "/api/v2/users", Reply.json(200, "{\"users\":[],\"count\":0}"));
        coder.on("GET", "/api/v2/workspaces", Reply.json(200, "{\"workspaces\":[],\"count\":0}"));
        runner.users("scaletest-", 100, 0);
        runner.users("scaletest- x*~", 0, 0);
        runner.workspaces(ScaletestWorkspaces.query(true, "my tpl"), 100, 200);
        List<String> queries = coder.requests().stream().map(Seen::rawQuery).toList();
        assertEquals(List.of("limit=100&q=scaletest-", "q=scaletest-+x%2A~",
                "limit=100&offset=200&q=owner%3A%22me%22+name%3A%22scaletest-%22+template%3A%22my+tpl%22"), queries);
    }
}
