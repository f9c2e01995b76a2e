package dev.scaletest.simulator;

import static dev.scaletest.simulator.SimulatorClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The build-log WebSocket: existing logs, then live ones, then a normal close once the job ended. */
class BuildLogStreamTest {
    private static SimulatorServer server;
    private static SimulatorClient admin;

    @BeforeAll
    static void start() {
        server = TestServers.start(TestServers.fast(new RecordingEndpoint("pty"), new RecordingEndpoint("app"))
                .withBuildTime(Distribution.fixed(Duration.ofMillis(700))));
        admin = new SimulatorClient(server.url(), server.adminToken());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<Long> ids(List<String> frames) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (String frame : frames) {
            ids.add(SimulatorClient.JSON.readTree(frame).get("id").asLong());
        }
        return ids;
    }

    @Test
    void followsALiveBuildAndClosesNormallyWhenItEnds() throws Exception {
        String build = admin.createWorkspace("logs-live").at("/latest_build/id").asText();
        LogSocket socket = LogSocket.open(server.url(), server.adminToken(), "/api/v2/workspacebuilds/" + build + "/logs?follow");
        assertEquals(1000, socket.awaitClose());
        JsonNode done = admin.build(build);
        assertEquals("succeeded", done.at("/job/status").asText());
        JsonNode all = expect(200, admin.get("/api/v2/workspacebuilds/" + build + "/logs"));
        assertTrue(all.size() >= 5, all::toString);
        List<Long> expected = new ArrayList<>();
        all.forEach(log -> expected.add(log.get("id").asLong()));
        assertEquals(expected, ids(socket.frames));
        JsonNode first = SimulatorClient.JSON.readTree(socket.frames.get(0));
        assertEquals("Setting up", first.get("stage").asText());
        assertEquals("provisioner_daemon", first.get("log_source").asText());
        assertEquals("info", first.get("log_level").asText());
    }

    @Test
    void afterSkipsLogsUpToThatIdForAFinishedBuild() throws Exception {
        String build = admin.createWorkspace("logs-after").at("/latest_build/id").asText();
        admin.awaitBuildDone(build);
        JsonNode all = expect(200, admin.get("/api/v2/workspacebuilds/" + build + "/logs"));
        long cut = all.get(2).get("id").asLong();
        LogSocket socket = LogSocket.open(server.url(), server.adminToken(),
                "/api/v2/workspacebuilds/" + build + "/logs?follow&after=" + cut);
        assertEquals(1000, socket.awaitClose());
        List<Long> ids = ids(socket.frames);
        assertEquals(all.size() - 3, ids.size());
        assertTrue(ids.stream().allMatch(id -> id > cut), ids::toString);

        JsonNode rest = expect(200, admin.get("/api/v2/workspacebuilds/" + build + "/logs?after=" + cut));
        assertEquals(all.size() - 3, rest.size());
    }

    @Test
    void aCanceledBuildEndsTheStream() throws Exception {
        String build = admin.createWorkspace("logs-cancel").at("/latest_build/id").asText();
        LogSocket socket = LogSocket.open(server.url(), server.adminToken(), "/api/v2/workspacebuilds/" + build + "/logs?follow");
        expect(200, admin.patch("/api/v2/workspacebuilds/" + build + "/cancel"));
        assertEquals(1000, socket.awaitClose());
        assertEquals("canceled", admin.build(build).at("/job/status").asText());
    }

    @Test
    void dryRunLogsStreamAndClose() throws Exception {
        String tv = expect(200, admin.get("/api/v2/templates/" + admin.templateId())).get("active_version_id").asText();
        String job = expect(201, admin.post("/api/v2/templateversions/" + tv + "/dry-run", "{\"workspace_name\":\"x\"}"))
                .get("id").asText();
        LogSocket socket = LogSocket.open(server.url(), server.adminToken(),
                "/api/v2/templateversions/" + tv + "/dry-run/" + job + "/logs?follow");
        assertEquals(1000, socket.awaitClose());
        assertEquals(expect(200, admin.get("/api/v2/templateversions/" + tv + "/dry-run/" + job + "/logs")).size(),
                socket.frames.size());
    }

    @Test
    void followWithoutUpgradeIsRefused() {
        String build = admin.createWorkspace("logs-noupgrade").at("/latest_build/id").asText();
        expect(426, admin.get("/api/v2/workspacebuilds/" + build + "/logs?follow"));
    }
}
