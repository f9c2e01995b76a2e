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
 * The web terminal: coderd's reconnecting-PTY WebSocket, authenticated with the session cookie.
 * Every {@link #open} uses the same reconnect id, so opening again after a drop re-attaches to the
 * same process (and the server first replays buffered output).
 */
public final class TerminalTransport implements StreamTransport {

    private final WsClient client;
    private final PtyTarget target;
    private final WsRequest request;

    public TerminalTransport(WsClient client, CoderEndpoint endpoint, PtyTarget target, Duration connectTimeout) {
        this.client = client;
        this.target = target;
        this.request = WsRequest.toApi(CoderUrls.terminal(endpoint.url(), target.agentId(), target.reconnect(),
                target.width(), target.height(), target.command()), endpoint, connectTimeout);
    }

    public TerminalTransport(WsClient client, CoderEndpoint endpoint, PtyTarget target) {
        this(client, endpoint, target, WsRequest.DEFAULT_CONNECT_TIMEOUT);
    }

    public PtyTarget target() {
        return target;
    }

    /** The WebSocket URL opened, e.g. for logs. */
    public URI uri() {
        return request.uri();
    }

    /** Completes with a {@link TerminalConnection}. */
    @Override
    public CompletableFuture<StreamConnection> open(StreamListener listener) {
        return openTerminal(listener).thenApply(connection -> connection);
    }

    public CompletableFuture<TerminalConnection> openTerminal(StreamListener listener) {
        TerminalConnection connection = new TerminalConnection(listener, describe());
        return client.connect(request, connection).thenApply(session -> {
            connection.attach(session);
            return connection;
        });
    }

    @Override
    public String describe() {
        return "pty " + target.label();
    }
}
