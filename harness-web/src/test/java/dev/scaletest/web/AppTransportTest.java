package dev.scaletest.web;

import static dev.scaletest.web.TerminalTransportTest.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.traffic.StreamConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AppTransportTest {

    private static final long WAIT_SECONDS = RecordingListener.WAIT.toSeconds();

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void sendsRawBinaryFramesOfAtMost1024BytesWithTheTokenHeaderAndClosesWith1000(ClientKind kind) throws Exception {
        try (TestWsServer server = new TestWsServer(); WsClient client = kind.create()) {
            URI app = URI.create(server.baseUrl() + "/@admin/ws-1.main/apps/echo/");
            RecordingListener listener = new RecordingListener();
            AppTransport transport = new AppTransport(client, endpoint(server), app, "ws-1.main/echo");
            StreamConnection connection = transport.open(listener).get(WAIT_SECONDS, TimeUnit.SECONDS);
            byte[] payload = new byte[3000];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) ('a' + i % 26);
            }

            connection.send(payload, 0, payload.length).get(WAIT_SECONDS, TimeUnit.SECONDS);
            listener.awaitText(new String(payload, java.nio.charset.StandardCharsets.US_ASCII));
            connection.finish(Duration.ofSeconds(WAIT_SECONDS)).get(WAIT_SECONDS, TimeUnit.SECONDS);

            TestWsServer.Upgrade upgrade = server.upgrades.getFirst();
            assertEquals("/@admin/ws-1.main/apps/echo/", upgrade.uri());
            assertEquals(TestWsServer.TOKEN, upgrade.header("coder-session-token"));
            assertNull(upgrade.header("cookie"));
            assertTrue(transport.uri().toString().startsWith("ws://"));
            List<TestWsServer.Frame> frames = server.framesOn("/apps/echo");
            assertEquals(List.of(1024, 1024, 952), frames.stream().map(f -> f.bytes().length).toList());
            assertTrue(frames.stream().allMatch(TestWsServer.Frame::binary));
            assertTrue(Arrays.equals(Arrays.copyOfRange(payload, 2048, 3000), frames.get(2).bytes()));
            assertEquals(List.of(1000), server.clientCloseCodes);
            assertNull(listener.closed.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }
}
