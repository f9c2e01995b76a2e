package dev.scaletest.coder;

import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A small fixed set of HTTP/1.1 {@link HttpClient}s handed out round-robin, one per run.
 *
 * <p>Coder's Go tool gives every run its own connection pool so load spreads over coderd replicas
 * behind a load balancer. A JDK {@code HttpClient} owns a selector thread, so one per run would
 * cost thousands of threads; a handful of clients, each with its own connection pool, spreads
 * connections just as well. HTTP/1.1 only: coderd's WebSocket upgrades and most load balancers
 * in front of it are HTTP/1.1, and h2 would multiplex every run onto one connection.
 */
public final class CoderHttpClients implements AutoCloseable {
    public static final int DEFAULT_POOL_SIZE = 8;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** The JDK client's JVM-wide hostname-check switch; never set by scaletest (see {@link #trustAll()}). */
    static final String DISABLE_HOSTNAME_VERIFICATION = "jdk.internal.httpclient.disableHostnameVerification";

    private final List<HttpClient> clients;
    private final boolean insecureSkipVerify;
    private final AtomicInteger next = new AtomicInteger();

    private CoderHttpClients(List<HttpClient> clients, boolean insecureSkipVerify) {
        this.clients = List.copyOf(clients);
        this.insecureSkipVerify = insecureSkipVerify;
    }

    public static CoderHttpClients create(boolean insecureSkipVerify) {
        return create(DEFAULT_POOL_SIZE, insecureSkipVerify, DEFAULT_CONNECT_TIMEOUT);
    }

    public static CoderHttpClients create(int size, boolean insecureSkipVerify, Duration connectTimeout) {
        if (size < 1) {
            throw new IllegalArgumentException("HTTP client pool size must be at least 1, got " + size);
        }
        // The client's internal steps (reading a response, handing it to the waiting caller) run
        // on its own selector thread instead of a new virtual thread each: callers only use the
        // blocking send and read bodies as byte arrays, so nothing long runs there, and the hand-off
        // per step was about 15% of the harness CPU of create-workspaces (bench/create.sh).
        Executor direct = Runnable::run;
        List<HttpClient> clients = new ArrayList<>(size);
        SSLContext tls = insecureSkipVerify ? trustAll() : null;
        for (int i = 0; i < size; i++) {
            HttpClient.Builder b = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .executor(direct);
            if (tls != null) {
                b.sslContext(tls);
            }
            clients.add(b.build());
        }
        return new CoderHttpClients(clients, insecureSkipVerify);
    }

    /** The next client in round-robin order; give each run one and keep it for the run. */
    public HttpClient next() {
        return clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
    }

    public int size() {
        return clients.size();
    }

    public boolean insecureSkipVerify() {
        return insecureSkipVerify;
    }

    /** A client builder for {@code endpoint} on the next pooled HTTP client. */
    public CoderClient.Builder clientFor(CoderEndpoint endpoint) {
        if (endpoint.insecureSkipVerify() != insecureSkipVerify) {
            throw new IllegalArgumentException("endpoint wants insecureSkipVerify=" + endpoint.insecureSkipVerify()
                    + " but this HTTP client pool was built with " + insecureSkipVerify);
        }
        return CoderClient.builder(endpoint, next());
    }

    @Override
    public void close() {
        clients.forEach(HttpClient::shutdownNow);
    }

    /**
     * A TLS context that accepts any certificate and any host name. The trust manager is an
     * {@link X509ExtendedTrustManager} with empty checks; for such trust managers the JDK performs
     * the hostname check inside the trust manager, so names are not verified either (the TLS test
     * proves it with a certificate issued for another host). The JDK HTTP client's other switch
     * for hostname checks, the system property {@value #DISABLE_HOSTNAME_VERIFICATION}, is
     * deliberately not set: it is JVM-wide, read once, and would also silence hostname checks of
     * clients that asked for verification.
     */
    static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new AcceptAnyCertificate()}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context: " + e.getMessage(), e);
        }
    }

    private static final class AcceptAnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

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
