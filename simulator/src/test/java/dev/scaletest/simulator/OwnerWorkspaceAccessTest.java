package dev.scaletest.simulator;

import static dev.scaletest.simulator.SimulatorClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.simulator.ssh.SshOptions;
import dev.scaletest.simulator.terminal.RecordingClient;
import dev.scaletest.simulator.terminal.TerminalOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * coderd's {@code --disable-owner-workspace-access} on the whole simulator: the site owner's web
 * terminal, app and SSH connections to a member's workspace are refused as coderd refuses them,
 * the member's own keep working, and reading, building and deleting stay allowed.
 */
class OwnerWorkspaceAccessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String NOT_FOUND_TEXT =
            "The application or workspace you are trying to access does not exist or you do not have permission to access it.";

    private static Simulator simulator;
    private static SimulatorClient admin;
    private static SimulatorClient member;
    private static JsonNode workspace;
    private static String agentId;

    @BeforeAll
    static void start() throws Exception {
        simulator = Simulator.start(Faults.none(), options -> options
                        .withBuildTime(Distribution.uniform(Duration.ofMillis(30), Duration.ofMillis(60)))
                        .withAgentConnectTime(Distribution.fixed(Duration.ofMillis(20)))
                        // The path-app rule would refuse the owner's app first (PathAppRuleTest covers
                        // both rules at once); lifting it leaves the owner-access rule alone in play.
                        .withAccessRules(AccessRules.open().withOwnerWorkspaceAccessDisabled(true)
                                .withPathAppSiteOwnerAccessAllowed(true)),
                TerminalOptions.defaults(), SshOptions.defaults());
        admin = new SimulatorClient(simulator.url(), simulator.adminToken());
        member = admin.createUserAndLogin("scaletest-access-1");
        JsonNode created = member.createWorkspace("guarded");
        workspace = SimulatorClient.await("agent connected",
                () -> expect(200, member.get("/api/v2/workspaces/" + created.get("id").asText())),
                w -> w.at("/latest_build/resources/0/agents/0/status").asText().equals("connected"));
        agentId = workspace.at("/latest_build/resources/0/agents/0/id").asText();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static String ptyPath() {
        return "/api/v2/workspaceagents/" + agentId + "/pty?reconnect=" + UUID.randomUUID() + "&width=80&height=24&command=";
    }

    private static void assertApplicationNotFoundPage(HttpResponse<String> response) {
        assertEquals(404, response.statusCode(), response.body());
        assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("<title>404 - Application Not Found</title>"), response.body());
        assertTrue(response.body().contains(NOT_FOUND_TEXT), response.body());
    }

    private static long ownerAccessRefused() {
        return expect(200, admin.as(null).get("/sim/stats")).get("owner_access_refused").asLong();
    }

    @Test
    void theDeploymentConfigSaysSo() {
        assertTrue(expect(200, member.get("/api/v2/deployment/config")).at("/config/disable_owner_workspace_exec").asBoolean());
    }

    @Test
    void theOwnersTerminalAndAppAreRefusedWithCodersHtml404() {
        long before = ownerAccessRefused();
        assertApplicationNotFoundPage(admin.get(ptyPath()));
        assertApplicationNotFoundPage(admin.get("/@scaletest-access-1/guarded.main/apps/echo/"));
        assertEquals(before + 2, ownerAccessRefused());
    }

    @Test
    void aMembersTerminalOnAnotherUsersWorkspaceGetsTheSamePageButIsNotCountedAsOwnerAccess() {
        SimulatorClient stranger = admin.createUserAndLogin("scaletest-access-2");
        long before = ownerAccessRefused();
        assertApplicationNotFoundPage(stranger.get(ptyPath()));
        assertEquals(before, ownerAccessRefused());
    }

    @Test
    void withoutAValidKeyTheTerminalAnswersAJson404() {
        JsonNode body = expect(404, admin.as(null).get(ptyPath()));
        assertEquals("Resource not found or you do not have access to this resource", body.get("message").asText());
        expect(404, admin.as("nope-nope").get(ptyPath()));
    }

    @Test
    void theMembersOwnTerminalWorks() throws Exception {
        URI uri = URI.create(simulator.url().toString().replace("http://", "ws://") + ptyPath()
                + "&coder_session_token=" + member.token);
        try (RecordingClient terminal = RecordingClient.connect(uri)) {
            terminal.sendBinary("{\"data\":\"hello\\r\"}");
            assertTrue(terminal.awaitOutput(out -> out.contains("hello")).contains("hello"));
        }
    }

    @Test
    void theOwnerMayStillReadBuildAndDeleteTheWorkspace() {
        String id = workspace.get("id").asText();
        expect(200, admin.get("/api/v2/workspaces/" + id));
        assertEquals(agentId, expect(200, admin.get("/api/v2/workspaceagents/" + agentId)).get("id").asText());
        SimulatorClient other = admin.createUserAndLogin("scaletest-access-3");
        JsonNode doomed = other.createWorkspace("doomed");
        admin.awaitBuildDone(doomed.at("/latest_build/id").asText());
        String otherId = doomed.get("id").asText();
        JsonNode delete = expect(201, admin.post("/api/v2/workspaces/" + otherId + "/builds",
                "{\"transition\":\"delete\",\"template_version_id\":\"00000000-0000-0000-0000-000000000000\"}"));
        assertEquals("succeeded", admin.awaitBuildDone(delete.get("id").asText()).at("/job/status").asText());
    }

    @Test
    void theOwnersSshSessionOnTheMembersWorkspaceIsRefused() throws Exception {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> true);
        client.start();
        try {
            try (ClientSession session = client.connect("scaletest-access-1.guarded", simulator.sshAddress())
                    .verify(TIMEOUT).getSession()) {
                session.addPasswordIdentity(admin.token);
                assertThrows(IOException.class, () -> session.auth().verify(TIMEOUT));
            }
            try (ClientSession session = client.connect("scaletest-access-1.guarded", simulator.sshAddress())
                    .verify(TIMEOUT).getSession()) {
                session.addPasswordIdentity(member.token);
                session.auth().verify(TIMEOUT);
                assertTrue(session.isAuthenticated());
            }
        } finally {
            client.stop();
        }
    }
}
