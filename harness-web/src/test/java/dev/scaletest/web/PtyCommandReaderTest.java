package dev.scaletest.web;

import static dev.scaletest.web.TerminalTransportTest.endpoint;
import static dev.scaletest.web.TerminalTransportTest.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.errors.ErrorClass;
import dev.scaletest.traffic.StreamFailure;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PtyCommandReaderTest {

    private static final long WAIT_SECONDS = RecordingListener.WAIT.toSeconds();
    private static final UUID AGENT = UUID.fromString("7a3b1c2d-4e5f-4a6b-8c9d-0e1f2a3b4c5d");

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void collectsOutputLinesUntilTheCommandExits(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            server.commandOutput.put("ls -la", "total 0\r\nREADME.md\r\n\r\nlast line without newline");
            List<String> lines = new CopyOnWriteArrayList<>();
            PtyTarget target = PtyTarget.random(AGENT, "ls -la", 80, 24, "ws-1.main");

            new PtyCommandReader(client, Duration.ofSeconds(10))
                    .read(endpoint(server), target, Duration.ofSeconds(WAIT_SECONDS), lines::add).get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertEquals(List.of("total 0", "README.md", "", "last line without newline"), lines);
            assertEquals("/api/v2/workspaceagents/" + AGENT + "/pty?command=ls+-la&height=24&reconnect="
                    + target.reconnect() + "&width=80", server.upgrades.getFirst().uri());
            assertTrue(server.framesOn("/pty").isEmpty(), "nothing is written to the command");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void aCommandStillRunningAtTheTimeoutIsATimeout(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            server.silentCommands.add("sleep 600");
            PtyTarget target = PtyTarget.random(AGENT, "sleep 600", 80, 24, "ws-1.main");

            StreamFailure failure = failureOf(new PtyCommandReader(client, Duration.ofSeconds(10))
                    .read(endpoint(server), target, Duration.ofMillis(400), line -> {}));

            assertEquals(ErrorClass.TIMEOUT, failure.errorClass());
            RecordingListener.await(() -> client.openSessions() == 0, () -> "open sessions " + client.openSessions());
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void theCommandRunsAsTheIdentityItIsGiven(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            server.commandOutput.put("true", "ok\r\n");
            PtyCommandReader reader = new PtyCommandReader(client, Duration.ofSeconds(10));
            PtyTarget target = PtyTarget.random(AGENT, "true", 80, 24, "ws-1.main");

            StreamFailure refused = failureOf(reader.read(endpoint(server).withToken("owner-token"), target,
                    Duration.ofSeconds(WAIT_SECONDS), line -> {}));
            reader.read(endpoint(server), target, Duration.ofSeconds(WAIT_SECONDS), line -> {}).get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertEquals(ErrorClass.AUTH, refused.errorClass());
            assertEquals("coder_session_token=owner-token", server.upgrades.get(0).header("cookie"));
            assertEquals("coder_session_token=" + TestWsServer.TOKEN, server.upgrades.get(1).header("cookie"));
            assertEquals("yes", server.upgrades.get(1).header("X-Scaletest-Extra"));
            assertNull(server.upgrades.get(1).header("X-Coder-Bypass-Ratelimit"));
        }
    }
}
