package dev.scaletest.simulator;

import static dev.scaletest.simulator.SimulatorClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** At most N provisioner jobs run at once; the rest wait with their queue position; cancel frees a daemon. */
class ProvisionerQueueTest {

    @Test
    void runsAtMostNJobsAndQueuesTheRest() {
        SimulatorOptions options = TestServers.fast(new RecordingEndpoint("pty"), new RecordingEndpoint("app"))
                .withProvisioners(2).withBuildTime(Distribution.fixed(Duration.ofSeconds(30)));
        try (SimulatorServer server = TestServers.start(options)) {
            SimulatorClient admin = new SimulatorClient(server.url(), server.adminToken());
            List<String> builds = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                builds.add(admin.createWorkspace("queue-" + i).get("latest_build").get("id").asText());
            }
            assertQueue(admin, builds, 2, Set.of(1, 2, 3), 3);

            JsonNode queued = admin.build(builds.get(3));
            assertEquals("pending", queued.at("/job/status").asText());
            expect(200, admin.patch("/api/v2/workspacebuilds/" + builds.get(3) + "/cancel"));
            JsonNode canceled = admin.build(builds.get(3));
            assertEquals("canceled", canceled.at("/job/status").asText());
            assertEquals("canceled", canceled.get("status").asText());
            assertTrue(canceled.at("/job/completed_at").isTextual());
            List<String> remaining = new ArrayList<>(builds);
            remaining.remove(3);
            assertQueue(admin, remaining, 2, Set.of(1, 2), 2);

            String running = remaining.stream().filter(b -> admin.build(b).at("/job/status").asText().equals("running"))
                    .findFirst().orElseThrow();
            expect(200, admin.patch("/api/v2/workspacebuilds/" + running + "/cancel"));
            assertEquals("canceled", admin.build(running).at("/job/status").asText());
            remaining.remove(running);
            assertQueue(admin, remaining, 2, Set.of(1), 1);
            for (String build : remaining) {
                expect(200, admin.patch("/api/v2/workspacebuilds/" + build + "/cancel"));
            }
            for (String build : builds) {
                assertEquals("canceled", admin.build(build).at("/job/status").asText());
            }
        }
    }

    @Test
    void concurrentCreationsAreAllBuilt() throws Exception {
        try (SimulatorServer server = TestServers.start(TestServers.fast(new RecordingEndpoint("pty"), new RecordingEndpoint("app"))
                .withBuildTime(Distribution.fixed(Duration.ZERO)))) {
            SimulatorClient admin = new SimulatorClient(server.url(), server.adminToken());
            String template = admin.templateId();
            List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                calls.add(admin.http.sendAsync(admin.request("/api/v2/users/me/workspaces")
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"template_id\":\"" + template + "\",\"name\":\"par-" + i + "\"}")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()));
            }
            Set<String> ids = new TreeSet<>();
            for (var call : calls) {
                JsonNode workspace = expect(201, call.get(20, java.util.concurrent.TimeUnit.SECONDS));
                ids.add(workspace.at("/latest_build/id").asText());
            }
            assertEquals(24, ids.size());
            for (String build : ids) {
                assertEquals("succeeded", admin.awaitBuildDone(build).at("/job/status").asText());
            }
            assertEquals(24, expect(200, admin.get("/api/v2/workspaces?q=name%3Apar-")).get("count").asInt());
        }
    }

    private static void assertQueue(SimulatorClient admin, List<String> builds, int running, Set<Integer> positions, int size) {
        int seenRunning = 0;
        Set<Integer> seenPositions = new TreeSet<>();
        for (String id : builds) {
            JsonNode job = admin.build(id).get("job");
            switch (job.get("status").asText()) {
                case "running" -> {
                    seenRunning++;
                    assertEquals(0, job.get("queue_position").asInt());
                    assertTrue(job.get("started_at").isTextual());
                    assertTrue(job.get("worker_name").asText().startsWith("provisioner-"));
                }
                case "pending" -> {
                    seenPositions.add(job.get("queue_position").asInt());
                    assertEquals(size, job.get("queue_size").asInt());
                }
                default -> throw new AssertionError("unexpected job " + job);
            }
        }
        assertEquals(running, seenRunning);
        assertEquals(positions, seenPositions);
    }
}
