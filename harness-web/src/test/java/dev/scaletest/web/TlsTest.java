package dev.scaletest.web;

import static dev.scaletest.web.TerminalTransportTest.failureOf;
import static dev.scaletest.web.TerminalTransportTest.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.errors.ErrorClass;
import dev.scaletest.traffic.StreamConnection;
import dev.scaletest.traffic.StreamFailure;
import io.netty.handler.ssl.SslContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** wss:// against self-signed certificates: refused by default, accepted with insecureSkipVerify (TlsTrust.ACCEPT_ANY). */
class TlsTest {

    private static final long WAIT_SECONDS = RecordingListener.WAIT.toSeconds();

    @TempDir
    static Path dir;
    static SslContext serverTls;
    static SslContext otherHostTls;

    @BeforeAll
    static void certificate() throws Exception {
        serverTls = SelfSignedTls.serverContext(dir);
        otherHostTls = SelfSignedTls.serverContext(dir, "coder.example.invalid", "dns:coder.example.invalid");
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void selfSignedCertificateIsATlsFailureByDefault(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(serverTls); WsClient client = kind.create()) {
            CoderEndpoint verifying = new CoderEndpoint(server.baseUrl(), TestWsServer.TOKEN, List.of(), false);

            StreamFailure failure = failureOf(new TerminalTransport(client, verifying, target("bash"))
                    .open(new RecordingListener()));

            assertEquals(ErrorClass.TLS, failure.errorClass(), failure.getMessage());
            assertTrue(server.upgrades.isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void insecureSkipVerifyTalksToTheSelfSignedServer(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(serverTls); WsClient client = kind.create()) {
            CoderEndpoint insecure = new CoderEndpoint(server.baseUrl(), TestWsServer.TOKEN, List.of(), true);
            RecordingListener listener = new RecordingListener();
            TerminalTransport transport = new TerminalTransport(client, insecure, target("bash"));
            StreamConnection connection = transport.open(listener).get(WAIT_SECONDS, TimeUnit.SECONDS);
            byte[] line = "over tls\n".getBytes(StandardCharsets.US_ASCII);

            connection.send(line, 0, line.length).get(WAIT_SECONDS, TimeUnit.SECONDS);
            listener.awaitText("over tls\r\n");
            connection.finish(Duration.ofSeconds(WAIT_SECONDS)).get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertTrue(transport.uri().toString().startsWith("wss://127.0.0.1:"), transport.uri().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void insecureSkipVerifyDoesNotCheckTheHostName(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(otherHostTls); WsClient client = kind.create()) {
            CoderEndpoint verifying = new CoderEndpoint(server.baseUrl(), TestWsServer.TOKEN, List.of(), false);
            assertEquals(ErrorClass.TLS, failureOf(new TerminalTransport(client, verifying, target("bash"))
                    .open(new RecordingListener())).errorClass());

            CoderEndpoint insecure = new CoderEndpoint(server.baseUrl(), TestWsServer.TOKEN, List.of(), true);
            StreamConnection connection = new TerminalTransport(client, insecure, target("bash"))
                    .open(new RecordingListener()).get(WAIT_SECONDS, TimeUnit.SECONDS);
            connection.finish(Duration.ofSeconds(WAIT_SECONDS)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(1, server.upgrades.size(), "the certificate names coder.example.invalid, the client dialled 127.0.0.1");
        }
    }
}
