package dev.scaletest.web;

import static dev.scaletest.web.TerminalTransportTest.endpoint;
import static dev.scaletest.web.TerminalTransportTest.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.traffic.StreamConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many terminals on one Netty client share its event loop instead of taking a thread each. */
class SharedEventLoopTest {

    private static final int STREAMS = 40;
    private static final long WAIT_SECONDS = RecordingListener.WAIT.toSeconds();

    private static long clientIoThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("scaletest-ws")).count();
    }

    @Test
    void fortyTerminalsRunOnOneIoThread() throws Exception {
        try (TestWsServer server = new TestWsServer(); NettyWsClient client = new NettyWsClient(1)) {
            List<RecordingListener> listeners = new ArrayList<>();
            List<CompletableFuture<StreamConnection>> opening = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                RecordingListener listener = new RecordingListener();
                listeners.add(listener);
                opening.add(new TerminalTransport(client, endpoint(server), target("cat")).open(listener));
            }
            List<StreamConnection> streams = new ArrayList<>();
            for (CompletableFuture<StreamConnection> open : opening) {
                streams.add(open.get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
            assertEquals(STREAMS, client.openSessions());
            assertTrue(streams.stream().allMatch(StreamConnection::writable));
            assertEquals(1, clientIoThreads());
            // Their pacing runs on that loop too: every stream names the same event loop.
            assertEquals(1, streams.stream().map(StreamConnection::eventLoop).distinct().count());
            assertTrue(streams.get(0).eventLoop() != null, "a Netty stream names its event loop");

            for (int i = 0; i < STREAMS; i++) {
                byte[] line = ("stream " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                streams.get(i).send(line, 0, line.length);
            }
            for (int i = 0; i < STREAMS; i++) {
                listeners.get(i).awaitText("stream " + i + "\r\n");
            }
            List<CompletableFuture<Void>> finishing = new ArrayList<>();
            for (StreamConnection stream : streams) {
                finishing.add(stream.finish(Duration.ofSeconds(WAIT_SECONDS)));
            }
            CompletableFuture.allOf(finishing.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            RecordingListener.await(() -> client.openSessions() == 0, () -> "open sessions " + client.openSessions());
            assertEquals(STREAMS, client.stats().sessionsOpened());
        }
    }
}
