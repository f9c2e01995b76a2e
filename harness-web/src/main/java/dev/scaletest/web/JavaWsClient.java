package dev.scaletest.web;

import dev.scaletest.errors.ErrorClass;
import dev.scaletest.traffic.StreamFailure;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A second WebSocket client on Java-WebSocket, for cross-checking the Netty one. It costs two
 * threads per connection, so it suits small runs and comparisons, not ten thousand streams.
 */
public final class JavaWsClient implements WsClient {

    private final Set<JavaWsSession> sessions = ConcurrentHashMap.newKeySet();
    private final WsCounters counters = new WsCounters();
    private final SSLContext verifyingTls;
    private final SSLContext trustingTls;

    public JavaWsClient() {
        try {
            this.verifyingTls = SSLContext.getDefault();
            this.trustingTls = SSLContext.getInstance("TLS");
            trustingTls.init(null, new TrustManager[] {new TrustingManager()}, new SecureRandom());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS client contexts", e);
        }
    }

    @Override
    public CompletableFuture<WsSession> connect(WsRequest request, WsHandler handler) {
        JavaWsSession session = new JavaWsSession(request, handler, counters, sessions::remove);
        if (request.tls()) {
            SSLContext tls = request.insecureSkipVerify() ? trustingTls : verifyingTls;
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

    /** Accepts any certificate chain: the user asked to skip verification for this deployment. */
    private static final class TrustingManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
