package dev.scaletest.simulator;

import static dev.scaletest.simulator.SimulatorClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.simulator.ssh.SshOptions;
import dev.scaletest.simulator.terminal.RecordingClient;
import dev.scaletest.simulator.terminal.TerminalOptions;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * coderd's path-app rule: with {@code --dangerous-allow-path-app-site-owner-access} off (coderd's
 * default) only a workspace's owner may open its path-based apps, so a site owner gets the HTML
 * 404 page with coderd's warning; the owner's own apps and the web terminal are untouched. With
 * the flag on, the site owner's app traffic goes through.
 */
class PathAppRuleTest {
    private static final String APP = "/@scaletest-path-1/paths.main/apps/echo/";
    private static final String WARNING = "path-based apps with &#34;owner&#34; share level are only accessible by the"
            + " workspace owner (see --dangerous-allow-path-app-site-owner-access)";

    private static Simulator simulator;
    private static SimulatorClient admin;
    private static SimulatorClient member;
    private static String agentId;

    @BeforeAll
    static void start() throws Exception {
        simulator = start(options -> options);
        admin = new SimulatorClient(simulator.url(), simulator.adminToken());
        member = admin.createUserAndLogin("scaletest-path-1");
        agentId = connectedAgent(member, "paths");
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static Simulator start(UnaryOperator<SimulatorOptions> rules) throws Exception {
        return Simulator.start(Faults.none(), options -> rules.apply(options
                        .withBuildTime(Distribution.uniform(Duration.ofMillis(30), Duration.ofMillis(60)))
                        .withAgentConnectTime(Distribution.fixed(Duration.ofMillis(20)))),
                TerminalOptions.defaults(), SshOptions.defaults());
    }

    private static String connectedAgent(SimulatorClient owner, String name) {
        JsonNode created = owner.createWorkspace(name);
        JsonNode workspace = SimulatorClient.await("agent connected",
                () -> expect(200, owner.get("/api/v2/workspaces/" + created.get("id").asText())),
                w -> w.at("/latest_build/resources/0/agents/0/status").asText().equals("connected"));
        return workspace.at("/latest_build/resources/0/agents/0/id").asText();
    }

    private static long stat(SimulatorClient client, String field) {
        return expect(200, client.as(null).get("/sim/stats")).get(field).asLong();
    }

    private static void assertNotFoundPage(HttpResponse<String> response, boolean withWarning) {
        assertEquals(404, response.statusCode(), response.body());
        assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("<title>404 - Application Not Found</title>"), response.body());
        assertEquals(withWarning, response.body().contains("<li>" + WARNING + "</li>"), response.body());
    }

    /** Echoes one message through the app's WebSocket, authenticated by the token in the query. */
    private static void assertAppEchoes(URI base, String appPath, String token) throws Exception {
        URI uri = URI.create(base.toString().replace("http://", "ws://") + appPath + "?coder_session_token=" + token);
        try (RecordingClient app = RecordingClient.connect(uri)) {
            app.sendBinary("ping\n");
            assertEquals("ping\n", app.awaitOutput(out -> out.length() >= 5));
        }
    }

    @Test
    void theDeploymentConfigShowsCodersDefaults() {
        JsonNode dangerous = expect(200, admin.get("/api/v2/deployment/config")).at("/config/dangerous");
        assertFalse(dangerous.get("allow_path_app_site_owner_access").asBoolean(), dangerous.toString());
        assertFalse(dangerous.get("allow_path_app_sharing").asBoolean(), dangerous.toString());
    }

    @Test
    void aSiteOwnerOnAnotherUsersPathAppGetsThePageWithCodersWarning() {
        long refused = stat(admin, "path_app_owner_refused");
        long ownerAccess = stat(admin, "owner_access_refused");
        assertNotFoundPage(admin.get(APP), true);
        assertEquals(refused + 1, stat(admin, "path_app_owner_refused"));
        assertEquals(ownerAccess, stat(admin, "owner_access_refused"));
    }

    @Test
    void anotherMemberGetsThePlainPageAndIsNotCounted() {
        SimulatorClient stranger = admin.createUserAndLogin("scaletest-path-2");
        long refused = stat(admin, "path_app_owner_refused");
        assertNotFoundPage(stranger.get(APP), false);
        assertEquals(refused, stat(admin, "path_app_owner_refused"));
    }

    @Test
    void theWorkspaceOwnersOwnPathAppWorks() throws Exception {
        assertAppEchoes(simulator.url(), APP, member.token);
    }

    @Test
    void theSiteOwnersWebTerminalIsNoPathAppAndStillWorks() throws Exception {
        URI uri = URI.create(simulator.url().toString().replace("http://", "ws://") + "/api/v2/workspaceagents/" + agentId
                + "/pty?reconnect=" + UUID.randomUUID() + "&width=80&height=24&command=&coder_session_token=" + admin.token);
        try (RecordingClient terminal = RecordingClient.connect(uri)) {
            terminal.sendBinary("{\"data\":\"hello\\r\"}");
            assertTrue(terminal.awaitOutput(out -> out.contains("hello")).contains("hello"));
        }
    }

    @Test
    void withTheDangerousFlagTheSiteOwnerGetsIn() throws Exception {
        try (Simulator open = start(options -> options.withAccessRules(AccessRules.open().withPathAppSiteOwnerAccessAllowed(true)))) {
            SimulatorClient openAdmin = new SimulatorClient(open.url(), open.adminToken());
            SimulatorClient owner = openAdmin.createUserAndLogin("scaletest-path-3");
            connectedAgent(owner, "shared");
            assertTrue(expect(200, openAdmin.get("/api/v2/deployment/config"))
                    .at("/config/dangerous/allow_path_app_site_owner_access").asBoolean());
            assertAppEchoes(open.url(), "/@scaletest-path-3/shared.main/apps/echo/", openAdmin.token);
            assertEquals(0, stat(openAdmin, "path_app_owner_refused"));
        }
    }

    @Test
    void withOwnerAccessAlsoDisabledThePathAppRuleAnswersFirst() throws Exception {
        try (Simulator strict = start(options -> options.withAccessRules(AccessRules.open().withOwnerWorkspaceAccessDisabled(true)))) {
            SimulatorClient strictAdmin = new SimulatorClient(strict.url(), strict.adminToken());
            SimulatorClient owner = strictAdmin.createUserAndLogin("scaletest-path-4");
            connectedAgent(owner, "strict");
            assertNotFoundPage(strictAdmin.get("/@scaletest-path-4/strict.main/apps/echo/"), true);
            assertEquals(1, stat(strictAdmin, "path_app_owner_refused"));
            assertEquals(0, stat(strictAdmin, "owner_access_refused"));
        }
    }
}
