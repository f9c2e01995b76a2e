package dev.scaletest.simulator;

import static dev.scaletest.simulator.SimulatorClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code GET /sim/stats} needs no token and counts what the deployment holds and serves. */
class StatsEndpointTest {

    @Test
    void statsCountUsersWorkspacesBuildsAndTraffic() throws Exception {
        SimulatorServer server = TestServers.start(TestServers.fast(new RecordingEndpoint("pty"), new RecordingEndpoint("app")));
        int port = server.port();
        try (server) {
            SimulatorClient admin = new SimulatorClient(server.url(), server.adminToken());
            SimulatorClient user = admin.createUserAndLogin("scaletest-stats-1");
            admin.createUserAndLogin("someone-else");
            JsonNode workspace = user.createWorkspace("stats-ws");
            user.awaitBuildDone(workspace.at("/latest_build/id").asText());

            JsonNode stats = expect(200, admin.as(null).get("/sim/stats"));
            assertEquals(3, stats.get("users_total").asInt());
            assertEquals(1, stats.get("scaletest_users").asInt());
            assertEquals(1, stats.get("workspaces_alive").asInt());
            assertEquals(1, stats.get("builds_total").asInt());
            assertEquals(1, stats.at("/builds_by_job_status/succeeded").asInt());
            assertEquals(0, stats.at("/builds_by_job_status/pending").asInt());
            assertTrue(stats.get("requests_served").asLong() >= 8, stats::toString);
            assertTrue(stats.get("connections_open").asLong() >= 1, stats::toString);
            for (String field : new String[] {"websockets_open", "ssh_sessions_open", "bytes_received", "bytes_echoed",
                    "faults_injected", "streams_dropped", "agents_connected", "rate_limited_api", "rate_limited_login",
                    "bypass_refused", "non_owner_bypass_headers", "owner_access_refused"}) {
                assertTrue(stats.has(field), field);
            }
        }
        try (ServerSocket again = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort(), "close() released the port");
        }
    }
}
