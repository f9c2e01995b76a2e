package dev.scaletest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.cli.embedded.SimulatorLauncher;
import dev.scaletest.cli.embedded.SimulatorSettings;
import dev.scaletest.simulator.Simulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rule flags reach the simulator the command starts. */
class SimulatorLauncherTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Coder-Session-Token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rateLimitsAndOwnerAccessFromTheFlagsAreEnforced() throws Exception {
        CliRun run = new CliRun().run("simulator", "--listen", "127.0.0.1:0", "--api-rate-limit", "2",
                "--disable-owner-workspace-access");
        assertEquals(0, run.exit, run.err);
        try (Simulator simulator = SimulatorLauncher.start(run.config(SimulatorSettings.class))) {
            URI config = simulator.url().resolve("/api/v2/deployment/config");
            HttpResponse<String> first = get(config, simulator.adminToken());
            assertEquals(200, first.statusCode(), first.body());
            assertTrue(first.body().contains("\"disable_owner_workspace_exec\":true"), first.body());
            assertEquals(200, get(config, simulator.adminToken()).statusCode());
            HttpResponse<String> third = get(config, simulator.adminToken());
            assertEquals(429, third.statusCode(), third.body());
            assertEquals("{\"message\":\"You've been rate limited for sending more than 2 requests in 1m0s.\"}", third.body());
        }
    }

    @Test
    void theEmbeddedSimulatorHasNoLimits() throws Exception {
        try (Simulator simulator = SimulatorLauncher.start(SimulatorSettings.embedded())) {
            URI me = simulator.url().resolve("/api/v2/users/me");
            for (int i = 0; i < 600; i++) {
                HttpResponse<String> response = get(me, simulator.adminToken());
                assertEquals(200, response.statusCode(), response.body());
            }
        }
    }
}
