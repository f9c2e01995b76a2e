package dev.scaletest.web;

import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.coder.wire.CoderUrls;
import dev.scaletest.traffic.StreamConnection;
import dev.scaletest.traffic.StreamListener;
import dev.scaletest.traffic.StreamTransport;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A WebSocket to a workspace app (path or subdomain URL), authenticated with the
 * {@code Coder-Session-Token} header. Payload goes out raw in binary frames of at most 1024 bytes;
 * {@code finish} sends close 1000 and waits for the server's close.
 */
public final class AppTransport implements StreamTransport {

    public static final int MAX_FRAME_BYTES = 1024;

    private final WsClient client;
    private final WsRequest request;
    private final String label;

    /** {@code appUrl} is the app's http(s) URL as computed from the workspace (ws(s) is accepted too). */
    public AppTransport(WsClient client, CoderEndpoint endpoint, URI appUrl, String label, Duration connectTimeout) {
        this.client = client;
        this.label = label;
        this.request = WsRequest.toApp(CoderUrls.toWebSocket(appUrl), endpoint, connectTimeout);
    }

    public AppTransport(WsClient client, CoderEndpoint endpoint, URI appUrl, String label) {
        this(client, endpoint, appUrl, label, WsRequest.DEFAULT_CONNECT_TIMEOUT);
    }

    public URI uri() {
        return request.uri();
    }

    @Override
    public CompletableFuture<StreamConnection> open(StreamListener listener) {
        AppConnection connection = new AppConnection(listener, describe());
        return client.connect(request, connection).thenApply(session -> {
            connection.attach(session);
            return connection;
        });
    }

    @Override
    public String describe() {
        return "app " + label;
    }

    private static final class AppConnection extends WebSocketStream {

        AppConnection(StreamListener listener, String target) {
            super(listener, target);
        }

        @Override
        CompletableFuture<Void> writeFrames(WsSession session, byte[] payload, int offset, int length) {
            int end = offset + length;
            CompletableFuture<Void> last = null;
            for (int chunk = offset; chunk < end; chunk += MAX_FRAME_BYTES) {
                int size = Math.min(MAX_FRAME_BYTES, end - chunk);
                last = session.sendBinary(session.alloc().buffer(size, size).writeBytes(payload, chunk, size),
                        chunk + size >= end);
            }
            return last;
        }

        @Override
        void sendEndSignal(WsSession session) {
            session.close(WsFailures.NORMAL_CLOSURE, "");
        }

        @Override
        String endSignalName() {
            return "close frame 1000";
        }
    }
}
