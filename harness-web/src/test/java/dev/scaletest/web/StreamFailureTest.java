package dev.scaletest.web;

import static dev.scaletest.web.TerminalTransportTest.endpoint;
import static dev.scaletest.web.TerminalTransportTest.failureOf;
import static dev.scaletest.web.TerminalTransportTest.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.errors.ErrorClass;
import dev.scaletest.traffic.StreamConnection;
import dev.scaletest.traffic.StreamFailure;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How connect, upgrade and close problems are classified, identically for both clients. */
class StreamFailureTest {

    private static final long WAIT_SECONDS = RecordingListener.WAIT.toSeconds();

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void refusedUpgradeCarriesStatusAndCoderMessage(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            server.refuseStatus = 428;
            server.refuseBody = "{\"message\":\"Agent state is \\\"connecting\\\", it must be in the \\\"connected\\\" state.\"}";

            StreamFailure failure = failureOf(new TerminalTransport(client, endpoint(server), target("bash"))
                    .open(new RecordingListener()));

            assertEquals(ErrorClass.HANDSHAKE_STATUS, failure.errorClass());
            assertTrue(failure.getMessage().contains("428"), failure.getMessage());
            assertTrue(failure.getMessage().contains("Agent state is \"connecting\", it must be in the \"connected\" state."),
                    failure.getMessage());
            assertEquals(0, client.openSessions());
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void wrongTokenIsAnAuthFailure(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            CoderEndpoint wrongToken = endpoint(server).withToken("not-the-token");

            StreamFailure failure = failureOf(new TerminalTransport(client, wrongToken, target("bash"))
                    .open(new RecordingListener()));

            assertEquals(ErrorClass.AUTH, failure.errorClass());
            assertTrue(failure.getMessage().contains("401") && failure.getMessage().contains("logged in"),
                    failure.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void refusedConnectionIsAConnectFailure(ClientKind kind) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            port = probe.getLocalPort();
        }
        try (WsClient client = kind.create()) {
            CoderEndpoint nobody = new CoderEndpoint(URI.create("http://127.0.0.1:" + port), "t", List.of(), false);

            StreamFailure failure = failureOf(new TerminalTransport(client, nobody, target("bash"), Duration.ofSeconds(5))
                    .open(new RecordingListener()));

            assertEquals(ErrorClass.CONNECT, failure.errorClass(), failure.getMessage());
            assertEquals(1, client.stats().connectFailures());
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void stalledUpgradeTimesOut(ClientKind kind) throws Exception {
        // A listening socket that never answers the upgrade request.
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0));
            try (WsClient client = kind.create()) {
                CoderEndpoint mute = new CoderEndpoint(URI.create("http://127.0.0.1:" + silent.getLocalPort()), "t",
                        List.of(), false);

                StreamFailure failure = failureOf(new TerminalTransport(client, mute, target("bash"), Duration.ofMillis(500))
                        .open(new RecordingListener()));

                assertEquals(ErrorClass.TIMEOUT, failure.errorClass(), failure.getMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void serverCloseOtherThan1000IsAWebSocketCloseFailureWithTheCode(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            server.closeAfterUpgrade = 1011;
            RecordingListener listener = new RecordingListener();
            new TerminalTransport(client, endpoint(server), target("bash")).open(listener).get(WAIT_SECONDS, TimeUnit.SECONDS);

            StreamFailure failure = listener.closed.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertNotNull(failure);
            assertEquals(ErrorClass.WS_CLOSE, failure.errorClass());
            assertTrue(failure.getMessage().contains("1011"), failure.getMessage());
            assertEquals(1011, failure.peerCloseStatus().orElseThrow(), "the status the server sent");
            assertEquals(1, listener.closeCalls.get());
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void aConnectionLostWithoutCloseFrameIs1006AndCarriesNoPeerStatus(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            server.dropAfterUpgrade = true;
            RecordingListener listener = new RecordingListener();
            new TerminalTransport(client, endpoint(server), target("bash")).open(listener).get(WAIT_SECONDS, TimeUnit.SECONDS);

            StreamFailure failure = listener.closed.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertNotNull(failure);
            assertEquals(ErrorClass.WS_CLOSE, failure.errorClass());
            assertTrue(failure.getMessage().contains("1006"), failure.getMessage());
            assertTrue(failure.peerCloseStatus().isEmpty(), "no close frame, no status from the peer");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void textMessageOnTheTerminalIsAnError(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            server.sendTextOnTerminal = true;
            RecordingListener listener = new RecordingListener();
            new TerminalTransport(client, endpoint(server), target("bash")).open(listener).get(WAIT_SECONDS, TimeUnit.SECONDS);

            StreamFailure failure = listener.closed.get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertNotNull(failure);
            assertEquals(ErrorClass.OTHER, failure.errorClass());
            assertTrue(failure.getMessage().contains("text message"), failure.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void reopeningReattachesWithTheSameReconnectId(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            TerminalTransport transport = new TerminalTransport(client, endpoint(server), target("bash"));
            RecordingListener first = new RecordingListener();
            StreamConnection dropped = transport.open(first).get(WAIT_SECONDS, TimeUnit.SECONDS);
            dropped.abort();
            assertNull(first.closed.get(WAIT_SECONDS, TimeUnit.SECONDS));

            RecordingListener second = new RecordingListener();
            StreamConnection again = transport.open(second).get(WAIT_SECONDS, TimeUnit.SECONDS);

            second.awaitText("replayed output\r\n");
            assertEquals(2, server.upgrades.size());
            assertEquals(transport.target().reconnect().toString(), server.upgrades.get(0).query("reconnect"));
            assertEquals(server.upgrades.get(0).uri(), server.upgrades.get(1).uri());
            again.abort();
        }
    }
}
