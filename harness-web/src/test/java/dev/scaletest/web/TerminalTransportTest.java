package dev.scaletest.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.errors.ErrorClass;
import dev.scaletest.traffic.StreamConnection;
import dev.scaletest.traffic.StreamFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TerminalTransportTest {

    private static final String COMMAND = "dd if=/dev/stdin of=/dev/null bs=1025 status=none";
    private static final long WAIT_SECONDS = RecordingListener.WAIT.toSeconds();

    static CoderEndpoint endpoint(TestWsServer server) {
        return new CoderEndpoint(server.baseUrl(), TestWsServer.TOKEN,
                List.of(new CoderEndpoint.Header("X-Scaletest-Extra", "yes")), false);
    }

    static PtyTarget target(String command) {
        return new PtyTarget(UUID.fromString("0b4fd7c6-5c3a-4b39-9a66-1f2e3d4c5b6a"),
                UUID.randomUUID(), command, 80, 25, "ws-1.main");
    }

    static StreamFailure failureOf(CompletableFuture<?> future) {
        ExecutionException error = assertThrows(ExecutionException.class, () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
        return assertInstanceOf(StreamFailure.class, error.getCause(), () -> "cause: " + error.getCause());
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void upgradeCarriesCookieExtraHeaderAndGoEncodedQuery(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            PtyTarget target = target(COMMAND);
            RecordingListener listener = new RecordingListener();
            StreamConnection connection = new TerminalTransport(client, endpoint(server), target)
                    .open(listener).get(WAIT_SECONDS, TimeUnit.SECONDS);

            TestWsServer.Upgrade upgrade = server.upgrades.getFirst();
            assertEquals("/api/v2/workspaceagents/" + target.agentId() + "/pty"
                    + "?command=dd+if%3D%2Fdev%2Fstdin+of%3D%2Fdev%2Fnull+bs%3D1025+status%3Dnone"
                    + "&height=25&reconnect=" + target.reconnect() + "&width=80", upgrade.uri());
            assertEquals("coder_session_token=" + TestWsServer.TOKEN, upgrade.header("cookie"));
            assertNull(upgrade.header("coder-session-token"));
            assertEquals("yes", upgrade.header("x-scaletest-extra"));
            assertNull(upgrade.header("sec-websocket-extensions"), "no compression extension");
            assertEquals(1, client.openSessions());
            assertTrue(connection.writable());
            connection.abort();
            assertNull(listener.closed.get(WAIT_SECONDS, TimeUnit.SECONDS), "local abort is a normal end");
            RecordingListener.await(() -> client.openSessions() == 0, () -> "open sessions " + client.openSessions());
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void sendsGoEscapedJsonObjectsOneBinaryFrameEachAndReceivesTheEcho(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            RecordingListener listener = new RecordingListener();
            StreamConnection connection = new TerminalTransport(client, endpoint(server), target(COMMAND))
                    .open(listener).get(WAIT_SECONDS, TimeUnit.SECONDS);

            byte[] payload = "a<b>&\"\\\tz\u00e9\n".getBytes(StandardCharsets.UTF_8);
            byte[] reused = new byte[64];
            System.arraycopy(payload, 0, reused, 3, payload.length);
            CompletableFuture<Void> sent = connection.send(reused, 3, payload.length);
            java.util.Arrays.fill(reused, (byte) 'X'); // the transport must have copied already
            sent.get(WAIT_SECONDS, TimeUnit.SECONDS);

            listener.awaitText("a<b>&\"\\\tz\u00e9\r\n");
            List<TestWsServer.Frame> frames = server.framesOn("/pty");
            assertEquals(1, frames.size());
            assertTrue(frames.getFirst().binary());
            assertEquals("{\"data\":\"a\\u003cb\\u003e\\u0026\\\"\\\\\\tz\u00e9\\n\"}\n", frames.getFirst().text());

            ((TerminalConnection) connection).resize(132, 43).get(WAIT_SECONDS, TimeUnit.SECONDS);
            RecordingListener.await(() -> server.framesOn("/pty").size() == 2, () -> "frames " + server.framesOn("/pty"));
            assertEquals("{\"height\":43,\"width\":132}\n", server.framesOn("/pty").get(1).text());
            connection.abort();
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void splitsLargeWritesIntoChunksOfAtMost1024PayloadBytes(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            RecordingListener listener = new RecordingListener();
            StreamConnection connection = new TerminalTransport(client, endpoint(server), target(COMMAND))
                    .open(listener).get(WAIT_SECONDS, TimeUnit.SECONDS);
            StringBuilder text = new StringBuilder();
            String alphabet = "\t !\"#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}";
            for (int i = 0; text.length() < 2599; i++) {
                text.append(alphabet.charAt((i * 7) % alphabet.length()));
            }
            text.append('\n');
            byte[] payload = text.toString().getBytes(StandardCharsets.US_ASCII);

            connection.send(payload, 0, payload.length).get(WAIT_SECONDS, TimeUnit.SECONDS);

            listener.awaitText(text.toString().replace("\n", "\r\n"));
            List<TestWsServer.Frame> frames = server.framesOn("/pty");
            assertEquals(3, frames.size());
            ObjectMapper json = new ObjectMapper();
            StringBuilder decoded = new StringBuilder();
            int[] sizes = {1024, 1024, 552};
            for (int i = 0; i < frames.size(); i++) {
                String frame = frames.get(i).text();
                assertTrue(frame.startsWith("{\"data\":\"") && frame.endsWith("\"}\n"), frame);
                assertFalse(frame.contains("<") || frame.contains(">") || frame.contains("&"), "HTML-safe escaping");
                String chunk = json.readTree(frame).get("data").asText();
                assertEquals(sizes[i], chunk.length());
                decoded.append(chunk);
            }
            assertEquals(text.toString(), decoded.toString());
            WsClientStats stats = client.stats();
            assertEquals(1, stats.sessionsOpened());
            assertEquals(3, stats.messagesSent());
            assertEquals(frames.stream().mapToLong(f -> f.bytes().length).sum(), stats.bytesSent());
            assertEquals(text.length() + 1, stats.bytesReceived());
            connection.abort();
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void finishSendsCtrlCAndCompletesWhenTheServerCloses(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            RecordingListener listener = new RecordingListener();
            StreamConnection connection = new TerminalTransport(client, endpoint(server), target(COMMAND))
                    .open(listener).get(WAIT_SECONDS, TimeUnit.SECONDS);
            byte[] line = "hello\n".getBytes(StandardCharsets.US_ASCII);
            connection.send(line, 0, line.length).get(WAIT_SECONDS, TimeUnit.SECONDS);
            listener.awaitText("hello\r\n");

            connection.finish(Duration.ofSeconds(WAIT_SECONDS)).get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertEquals("{\"data\":\"\\u0003\"}\n", server.framesOn("/pty").getLast().text());
            assertEquals("hello\r\n^C", listener.text());
            assertNull(listener.closed.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(1, listener.closeCalls.get());
            assertEquals(ErrorClass.WS_CLOSE, failureOf(connection.send(line, 0, line.length)).errorClass());
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void finishTimesOutWhenTheServerIgnoresCtrlC(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            server.ignoreCtrlC = true;
            RecordingListener listener = new RecordingListener();
            StreamConnection connection = new TerminalTransport(client, endpoint(server), target(COMMAND))
                    .open(listener).get(WAIT_SECONDS, TimeUnit.SECONDS);

            StreamFailure failure = failureOf(connection.finish(Duration.ofMillis(300)));

            assertEquals(ErrorClass.TIMEOUT, failure.errorClass());
            assertTrue(failure.getMessage().contains("Ctrl-C"), failure.getMessage());
            StreamFailure end = listener.closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(end);
            assertEquals(ErrorClass.TIMEOUT, end.errorClass());
            RecordingListener.await(() -> client.openSessions() == 0, () -> "open sessions " + client.openSessions());
        }
    }
}
