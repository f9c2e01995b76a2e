package dev.scaletest.web;

import static dev.scaletest.web.TerminalTransportTest.endpoint;
import static dev.scaletest.web.TerminalTransportTest.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.scaletest.coder.wire.CoderUrls;
import dev.scaletest.errors.ErrorClass;
import dev.scaletest.traffic.StreamFailure;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BuildLogFollowerTest {

    private static final long WAIT_SECONDS = RecordingListener.WAIT.toSeconds();
    private static final UUID BUILD = UUID.fromString("5d0c1d2e-3f40-4a5b-8c7d-9e0f1a2b3c4d");

    private static String log(long id, String stage, String level, String output) {
        return "{\"id\":" + id + ",\"created_at\":\"2026-11-22T04:00:0" + id + "Z\",\"log_source\":\"provisioner\","
                + "\"log_level\":\"" + level + "\",\"stage\":\"" + stage + "\",\"output\":\"" + output + "\"}";
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void deliversEveryLogInOrderAndCompletesOnNormalClose(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            String big = "x".repeat(1024 * 1024 - 200);
            server.buildLogs.addAll(List.of(
                    log(1, "Setting up", "info", "Initializing"),
                    log(2, "Planning infrastructure", "debug", "tab\\there"),
                    log(3, "Planning infrastructure", "info", big)));
            List<BuildLogLine> lines = new CopyOnWriteArrayList<>();

            new BuildLogFollower(client).follow(endpoint(server), BUILD, 0, lines::add).get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertEquals("/api/v2/workspacebuilds/" + BUILD + "/logs?follow", server.upgrades.getFirst().uri());
            assertEquals("coder_session_token=" + TestWsServer.TOKEN, server.upgrades.getFirst().header("cookie"));
            assertEquals(3, lines.size());
            assertEquals(new BuildLogLine(1, "2026-11-22T04:00:01Z", "provisioner", "info", "Setting up", "Initializing"),
                    lines.get(0));
            assertEquals("tab\there", lines.get(1).output());
            assertEquals("Planning infrastructure", lines.get(1).stage());
            assertEquals(big.length(), lines.get(2).output().length());
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void asksOnlyForLogsAfterTheGivenId(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            new BuildLogFollower(client).follow(endpoint(server), BUILD, 42, line -> {}).get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertEquals("/api/v2/workspacebuilds/" + BUILD + "/logs?follow&after=42", server.upgrades.getFirst().uri());
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void abnormalCloseFailsTheFollow(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            server.closeAfterUpgrade = 1011;

            StreamFailure failure = failureOf(new BuildLogFollower(client).follow(endpoint(server), BUILD, 0, line -> {}));

            assertEquals(ErrorClass.WS_CLOSE, failure.errorClass());
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void refusedFollowIsClassified(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            server.refuseStatus = 404;
            server.refuseBody = "{\"message\":\"Workspace build not found.\"}";

            StreamFailure failure = failureOf(new BuildLogFollower(client).follow(endpoint(server), BUILD, 0, line -> {}));

            assertEquals(ErrorClass.HANDSHAKE_STATUS, failure.errorClass());
            assertEquals("websocket upgrade of " + CoderUrls.toWebSocket(server.baseUrl()) + "/api/v2/workspacebuilds/"
                    + BUILD + "/logs refused: 404 Not Found: Workspace build not found.", failure.getMessage());
            assertNull(failure.getCause());
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void eachFollowAuthenticatesAsTheIdentityItIsGiven(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            BuildLogFollower follower = new BuildLogFollower(client);

            StreamFailure refused = failureOf(follower.follow(endpoint(server).withToken("another-users-token"), BUILD, 0, line -> {}));
            follower.follow(endpoint(server), BUILD, 0, line -> {}).get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertEquals(ErrorClass.AUTH, refused.errorClass());
            assertEquals("coder_session_token=another-users-token", server.upgrades.get(0).header("cookie"));
            assertEquals("coder_session_token=" + TestWsServer.TOKEN, server.upgrades.get(1).header("cookie"));
            for (TestWsServer.Upgrade upgrade : server.upgrades) {
                assertEquals("yes", upgrade.header("X-Scaletest-Extra"));
                assertNull(upgrade.header("X-Coder-Bypass-Ratelimit"));
            }
        }
    }
}
