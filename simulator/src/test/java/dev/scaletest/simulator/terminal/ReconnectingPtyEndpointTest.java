package dev.scaletest.simulator.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.SimulatorStats;
import dev.scaletest.simulator.agent.AgentTarget;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconnectingPtyEndpointTest {
    private static final String DD_NULL = "dd if=/dev/stdin of=/dev/null bs=1024 status=none";
    private static final String DD_STDOUT = "dd if=/dev/stdin of=/dev/stdout bs=1024 status=none";

    private final SimulatorStats stats = new SimulatorStats();
    private final InMemoryAgents agents = new InMemoryAgents();
    private final AgentTarget agent = agents.addWorkspace("alice", UUID.randomUUID(), "ws1", "connected");
    private ReconnectingPtyEndpoint endpoint;
    private AgentHttpServer server;

    @BeforeEach
    void start() throws Exception {
        TerminalOptions options = TerminalOptions.defaults().withCommands(Map.of(
                "echo ready", new CommandOutput(List.of("ready", "set"), false),
                "tail -f log", new CommandOutput(List.of("following"), true)));
        endpoint = new ReconnectingPtyEndpoint(options, Faults.none(), System.nanoTime(), stats);
        server = new AgentHttpServer(agents, Map.of("pty", endpoint));
    }

    @AfterEach
    void stop() {
        server.close();
        endpoint.close();
    }

    private URI pty(UUID reconnect, String command) {
        return server.uri("pty", agent.agentId(), "reconnect=" + reconnect + "&width=80&height=25&command="
                + URLEncoder.encode(command, StandardCharsets.UTF_8));
    }

    private static String data(String keys) {
        StringBuilder json = new StringBuilder("{\"data\":\"");
        for (char c : keys.toCharArray()) {
            if (c < 0x20 || c == '"' || c == '\\') {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append("\"}\n").toString();
    }

    @Test
    void echoesInputTurningNewlinesIntoCrLfAndEndsOnCtrlC() throws Exception {
        try (RecordingClient client = RecordingClient.connect(pty(UUID.randomUUID(), DD_NULL))) {
            client.sendBinary(data("hello\tworld\n"));
            client.awaitOutput(out -> out.endsWith("\r\n"));
            client.sendBinary(data("\u0003"));
            assertEquals(1000, client.awaitClose());
            assertEquals("hello\tworld\r\n^C\r\n", client.output());
        }
    }

    @Test
    void ddToStdoutEchoesAndThenPrintsEachCompletedLine() throws Exception {
        try (RecordingClient client = RecordingClient.connect(pty(UUID.randomUUID(), DD_STDOUT))) {
            client.sendBinary(data("abc"));
            client.awaitOutput(out -> out.equals("abc"));
            client.sendBinary(data("\nxy\n"));
            assertEquals("abc\r\nabc\r\nxy\r\nxy\r\n", client.awaitOutput(out -> out.length() >= 16));
        }
    }

    @Test
    void canonicalLineHoldsAtMost4095CharactersButEchoesAll() throws Exception {
        try (RecordingClient client = RecordingClient.connect(pty(UUID.randomUUID(), DD_STDOUT))) {
            String line = "a".repeat(5000);
            client.sendBinary(data(line + "\n"));
            String expected = line + "\r\n" + "a".repeat(4095) + "\r\n";
            assertEquals(expected, client.awaitOutput(out -> out.length() >= expected.length()));
        }
    }

    @Test
    void controlCharactersEchoAsCaretPairsAndEraseWorks() throws Exception {
        try (RecordingClient client = RecordingClient.connect(pty(UUID.randomUUID(), DD_STDOUT))) {
            client.sendBinary(data("a\u001bb\u007fc\n"));
            String expected = "a^[b\b \bc\r\na\u001bc\r\n";
            assertEquals(expected, client.awaitOutput(out -> out.length() >= expected.length()));
        }
    }

    @Test
    void parsesObjectsSplitAcrossFramesAndSeveralPerFrame() throws Exception {
        try (RecordingClient client = RecordingClient.connect(pty(UUID.randomUUID(), DD_NULL))) {
            client.sendBinary("{\"da");
            client.sendBinary("ta\":\"x");
            client.sendBinary("y\\n\",\"width\":100,\"height\":30}");
            client.awaitOutput(out -> out.equals("xy\r\n"));
            client.sendBinary("{\"data\":\"a\"}{\"data\":\"b\"}\n{\"height\":10,\"width\":20}\n{\"data\":\"\\n\"}\n");
            assertEquals("xy\r\nab\r\n", client.awaitOutput(out -> out.length() >= 8));
            client.sendBinary("{\"data\":\"t\\u00");
            client.sendBinary("09\u00fc\\u003c\\n\"}");
            assertEquals("xy\r\nab\r\nt\tü<\r\n", client.awaitOutput(out -> out.length() >= 14));
        }
    }

    @Test
    void reconnectingReplaysBufferedOutputThenContinuesLive() throws Exception {
        UUID reconnect = UUID.randomUUID();
        try (RecordingClient first = RecordingClient.connect(pty(reconnect, DD_NULL))) {
            first.sendBinary(data("first\n"));
            first.awaitOutput(out -> out.equals("first\r\n"));
        }
        awaitOpenWebSockets(0);
        assertEquals(1, endpoint.sessionCount());
        try (RecordingClient second = RecordingClient.connect(pty(reconnect, DD_NULL))) {
            second.awaitOutput(out -> out.equals("first\r\n"));
            second.sendBinary(data("second\n"));
            assertEquals("first\r\nsecond\r\n", second.awaitOutput(out -> out.endsWith("second\r\n")));
        }
        try (RecordingClient other = RecordingClient.connect(pty(UUID.randomUUID(), DD_NULL))) {
            other.sendBinary(data("x"));
            assertEquals("x", other.awaitOutput(out -> !out.isEmpty()));
        }
    }

    @Test
    void detachedSessionsExpireAndTheSameIdThenStartsAFreshProcess() throws Exception {
        try (ReconnectingPtyEndpoint shortLived = new ReconnectingPtyEndpoint(
                        TerminalOptions.defaults().withDetachedTimeout(Duration.ofMillis(200)), Faults.none(),
                        System.nanoTime(), stats);
                AgentHttpServer shortServer = new AgentHttpServer(agents, Map.of("pty", shortLived))) {
            UUID reconnect = UUID.randomUUID();
            URI uri = shortServer.uri("pty", agent.agentId(), "reconnect=" + reconnect + "&command="
                    + URLEncoder.encode(DD_NULL, StandardCharsets.UTF_8));
            try (RecordingClient first = RecordingClient.connect(uri)) {
                first.sendBinary(data("old\n"));
                first.awaitOutput(out -> out.equals("old\r\n"));
                first.closeNormally();
                first.awaitClose();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (shortLived.sessionCount() != 0) {
                assertTrue(System.nanoTime() < deadline, "detached session never expired");
                Thread.sleep(10);
            }
            try (RecordingClient second = RecordingClient.connect(uri)) {
                second.sendBinary(data("new"));
                assertEquals("new", second.awaitOutput(out -> !out.isEmpty()));
            }
        }
    }

    @Test
    void otherCommandsPrintConfiguredOrDefaultOutputAndClose() throws Exception {
        try (RecordingClient client = RecordingClient.connect(pty(UUID.randomUUID(), "echo ready"))) {
            assertEquals(1000, client.awaitClose());
            assertEquals("ready\r\nset\r\n", client.output());
        }
        try (RecordingClient client = RecordingClient.connect(pty(UUID.randomUUID(), "uname -a"))) {
            assertEquals(1000, client.awaitClose());
            assertEquals("uname -a: simulated\r\n", client.output());
        }
    }

    @Test
    void longRunningCommandStaysOpenUntilCtrlC() throws Exception {
        try (RecordingClient client = RecordingClient.connect(pty(UUID.randomUUID(), "tail -f log"))) {
            client.awaitOutput(out -> out.equals("following\r\n"));
            client.sendBinary(data("\u0003"));
            assertEquals(1000, client.awaitClose());
            assertEquals("following\r\n^C\r\n", client.output());
        }
    }

    @Test
    void emptyCommandIsAShellWithAPrompt() throws Exception {
        try (RecordingClient client = RecordingClient.connect(pty(UUID.randomUUID(), ""))) {
            client.awaitOutput(out -> out.equals("coder@ws1:~$ "));
            client.sendBinary(data("echo ready\n"));
            client.awaitOutput(out -> out.endsWith("~$ ") && out.length() > 13);
            client.sendBinary(data("whoami\n"));
            client.awaitOutput(out -> out.endsWith("simulated\r\ncoder@ws1:~$ "));
            client.sendBinary(data("exit\n"));
            assertEquals(1000, client.awaitClose());
            assertEquals("coder@ws1:~$ echo ready\r\nready\r\nset\r\n"
                    + "coder@ws1:~$ whoami\r\nwhoami: simulated\r\ncoder@ws1:~$ exit\r\n",
                    client.output());
        }
    }

    @Test
    void badReconnectIdOrSizeIsABadRequest() {
        for (String query : List.of("reconnect=not-a-uuid", "reconnect=" + UUID.randomUUID() + "&width=wide",
                "reconnect=" + UUID.randomUUID() + "&height=70000")) {
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> RecordingClient.connect(server.uri("pty", agent.agentId(), query)), query);
            assertEquals(400, ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode(), query);
        }
    }

    @Test
    void textFramesAreRefused() throws Exception {
        try (RecordingClient client = RecordingClient.connect(pty(UUID.randomUUID(), DD_NULL))) {
            client.sendText(data("x"));
            assertEquals(1003, client.awaitClose());
            assertEquals("", client.output());
        }
    }

    @Test
    void malformedJsonClosesWithInvalidPayload() throws Exception {
        try (RecordingClient client = RecordingClient.connect(pty(UUID.randomUUID(), DD_NULL))) {
            client.sendBinary("[1,2]");
            assertEquals(1007, client.awaitClose());
        }
    }

    @Test
    void countsBytesAndOpenWebSockets() throws Exception {
        try (RecordingClient client = RecordingClient.connect(pty(UUID.randomUUID(), DD_STDOUT))) {
            awaitOpenWebSockets(1);
            client.sendBinary(data("12345\n"));
            client.awaitOutput(out -> out.length() == 14);
            assertEquals(6, stats.bytesReceived.sum());
            assertEquals(14, stats.bytesEchoed.sum());
            client.sendBinary(data("\u0003"));
            client.awaitClose();
        }
        awaitOpenWebSockets(0);
        assertEquals(0, endpoint.sessionCount());
    }

    private void awaitOpenWebSockets(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (stats.webSocketsOpen.sum() != expected) {
            assertTrue(System.nanoTime() < deadline, "open WebSockets stayed at " + stats.webSocketsOpen.sum());
            Thread.sleep(10);
        }
    }
}
