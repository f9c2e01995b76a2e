package dev.scaletest.simulator;

import static dev.scaletest.simulator.SimulatorClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each fault switch, turned on at run time on one simulator. */
class FaultsTest {
    private static SimulatorServer server;
    private static SimulatorClient admin;

    @BeforeAll
    static void start() {
        server = TestServers.start(TestServers.fast(new RecordingEndpoint("pty"), new RecordingEndpoint("app")));
        admin = new SimulatorClient(server.url(), server.adminToken());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void reset() {
        server.faults(Faults.none());
    }

    private static Faults with(Map<String, Duration> latency, double http5xx, double http429, Duration retryAfter,
                               double buildFailure, boolean agentsNeverConnect, Duration stallAt, Duration stallFor) {
        return new Faults(latency, http5xx, http429, retryAfter, buildFailure, agentsNeverConnect, 0, 0, stallAt, stallFor);
    }

    @Test
    void http5xxRateAnswers503WithCoderJson() {
        long before = server.stats().faultsInjected.sum();
        server.faults(with(Map.of(), 1.0, 0, Duration.ofSeconds(1), 0, false, Duration.ZERO, Duration.ZERO));
        var response = admin.get("/api/v2/users/me");
        JsonNode body = expect(503, response);
        assertTrue(body.get("message").isTextual());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(server.stats().faultsInjected.sum() > before);
        server.faults(Faults.none());
        expect(200, admin.get("/api/v2/users/me"));
    }

    @Test
    void http5xxAfterTheActionAnswers500OnceTheRouteHasRun() {
        server.faults(with(Map.of(), 1.0, 0, Duration.ofSeconds(1), 0, false, Duration.ZERO, Duration.ZERO).with5xxAfterAction(true));
        var response = admin.post("/api/v2/users", "{\"email\":\"lost@x.io\",\"username\":\"lost-answer\",\"login_type\":\"none\"}");
        JsonNode body = expect(500, response);
        assertTrue(body.get("detail").asText().contains("after the action"), body.toString());
        server.faults(Faults.none());
        assertEquals("lost-answer", expect(200, admin.get("/api/v2/users/lost-answer")).get("username").asText(),
                "the user was created although its answer was a 500");
    }

    @Test
    void http429RateAnswersWithRetryAfter() {
        server.faults(with(Map.of(), 0, 1.0, Duration.ofMillis(1500), 0, false, Duration.ZERO, Duration.ZERO));
        var response = admin.get("/api/v2/workspaces");
        expect(429, response);
        assertEquals("2", response.headers().firstValue("Retry-After").orElse(""));
    }

    @Test
    void latencyDelaysOnlyTheNamedRoute() {
        server.faults(with(Map.of("GET /buildinfo", Duration.ofMillis(500)), 0, 0, Duration.ofSeconds(1), 0, false,
                Duration.ZERO, Duration.ZERO));
        long start = System.nanoTime();
        expect(200, admin.get("/api/v2/buildinfo"));
        long delayed = System.nanoTime() - start;
        assertTrue(delayed >= Duration.ofMillis(500).toNanos(), "buildinfo took " + delayed / 1_000_000 + " ms");
        server.faults(with(Map.of("GET /workspaces/{workspace}", Duration.ofSeconds(30)), 0, 0, Duration.ofSeconds(1), 0,
                false, Duration.ZERO, Duration.ZERO));
        start = System.nanoTime();
        expect(200, admin.get("/api/v2/buildinfo"));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void buildFailureRateFailsJobsWithAnError() {
        server.faults(with(Map.of(), 0, 0, Duration.ofSeconds(1), 1.0, false, Duration.ZERO, Duration.ZERO));
        String build = admin.createWorkspace("fault-fail").at("/latest_build/id").asText();
        JsonNode done = admin.awaitBuildDone(build);
        assertEquals("failed", done.at("/job/status").asText());
        assertEquals("failed", done.get("status").asText());
        assertTrue(done.at("/job/error").asText().contains("terraform"), done.toString());
        JsonNode logs = expect(200, admin.get("/api/v2/workspacebuilds/" + build + "/logs"));
        assertEquals("error", logs.get(logs.size() - 1).get("log_level").asText());
    }

    @Test
    void agentsNeverConnectLeavesThemConnecting() throws Exception {
        server.faults(with(Map.of(), 0, 0, Duration.ofSeconds(1), 0, true, Duration.ZERO, Duration.ZERO));
        JsonNode workspace = admin.createWorkspace("fault-noagent");
        admin.awaitBuild(workspace.at("/latest_build/id").asText(), "succeeded"::equals);
        Thread.sleep(300); // fifteen times the configured 20 ms connect time
        JsonNode agent = expect(200, admin.get("/api/v2/workspaces/" + workspace.get("id").asText()))
                .at("/latest_build/resources/0/agents/0");
        assertEquals("connecting", agent.get("status").asText());
        JsonNode refused = expect(428, admin.get("/api/v2/workspaceagents/" + agent.get("id").asText()
                + "/pty?reconnect=" + UUID.randomUUID()));
        assertEquals("Agent state is \"connecting\", it must be in the \"connected\" state.", refused.get("message").asText());
    }

    @Test
    void stallHoldsResponsesUntilItEnds() {
        Duration since = Duration.ofNanos(System.nanoTime() - server.startNanos());
        server.faults(with(Map.of(), 0, 0, Duration.ofSeconds(1), 0, false, since, Duration.ofMillis(800)));
        long start = System.nanoTime();
        expect(200, admin.get("/api/v2/users/me"));
        long held = System.nanoTime() - start;
        assertTrue(held >= Duration.ofMillis(500).toNanos(), "request held only " + held / 1_000_000 + " ms");
    }

    @Test
    void stallHoldsLiveBuildLogFrames() throws Exception {
        SimulatorOptions slowBuilds = TestServers.fast(new RecordingEndpoint("pty"), new RecordingEndpoint("app"))
                .withBuildTime(Distribution.fixed(Duration.ofMillis(1200)));
        try (SimulatorServer slow = TestServers.start(slowBuilds)) {
            SimulatorClient client = new SimulatorClient(slow.url(), slow.adminToken());
            String build = client.createWorkspace("fault-stall-logs").at("/latest_build/id").asText();
            LogSocket socket = LogSocket.open(slow.url(), slow.adminToken(), "/api/v2/workspacebuilds/" + build + "/logs?follow");
            socket.firstFrame.get(10, java.util.concurrent.TimeUnit.SECONDS);
            long stallStart = System.nanoTime();
            slow.faults(with(Map.of(), 0, 0, Duration.ofSeconds(1), 0, false,
                    Duration.ofNanos(stallStart - slow.startNanos()), Duration.ofMillis(2000)));
            assertEquals(1000, socket.awaitClose());
            long stallEnd = stallStart + Duration.ofMillis(2000).toNanos();
            // a frame already written when the stall began may still be in flight
            long grace = Duration.ofMillis(300).toNanos();
            for (long arrival : socket.arrivals) {
                assertTrue(arrival < stallStart + grace || arrival >= stallEnd - grace,
                        "a log frame arrived " + (arrival - stallStart) / 1_000_000 + " ms into the stall");
            }
            assertTrue(socket.closedAt >= stallEnd - grace, "closed before the stall ended");
            assertEquals(expect(200, client.get("/api/v2/workspacebuilds/" + build + "/logs")).size(), socket.frames.size());
        }
    }
}
