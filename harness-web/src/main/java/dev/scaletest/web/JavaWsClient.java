package dev.scaletest.web;

import dev.scaletest.coder.TlsTrust;
import dev.scaletest.errors.ErrorClass;
import dev.scaletest.traffic.StreamFailure;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A second WebSocket client on Java-WebSocket, for cross-checking the Netty one. It costs two
 * threads per connection, so it suits small runs and comparisons, not ten thousand streams.
 */
public final class JavaWsClient implements WsClient {

    private final Set<JavaWsSession> sessions = ConcurrentHashMap.newKeySet();
    private final WsCounters counters = new WsCounters();
    // One TLS context per trust setting, built on first wss:// use.
    private final Map<TlsTrust, SSLContext> tlsContexts = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<WsSession> connect(WsRequest request, WsHandler handler) {
        JavaWsSession session = new JavaWsSession(request, handler, counters, sessions::remove);
        if (request.tls()) {
            SSLContext tls = tlsContexts.computeIfAbsent(request.tlsTrust(), TlsTrust::sslContext);
            session.setSocketFactory(tls.getSocketFactory());
        }
        sessions.add(session);
        session.connect();
        CompletableFuture.delayedExecutor(request.connectTimeout().toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            session.failConnect(new StreamFailure(ErrorClass.TIMEOUT, "websocket connect to "
                        + request.target() + " timed out after " + request.connectTimeout()));
        });
        return session.opened();
    }

    @Override
    public int openSessions() {
        return counters.open.get();
    }

    @Override
    public WsClientStats stats() {
        return counters.snapshot();
    }

    @Override
    public String name() {
        return "java-websocket";
    }

    @Override
    public void close() {
        for (JavaWsSession session : sessions) {
            session.abort();
        }
        sessions.clear();
    }
}
