package dev.scaletest.coder;

import dev.scaletest.coder.wire.CoderHeaders;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A small fixed set of HTTP/1.1 {@link HttpClient}s handed out round-robin, one per run.
 *
 * <p>Coder's Go tool gives every run its own connection pool so load spreads over coderd replicas
 * behind a load balancer. A JDK {@code HttpClient} owns a selector thread, so one per run would
 * cost thousands of threads; a handful of clients, each with its own connection pool, spreads
 * connections just as well. HTTP/1.1 only: coderd's WebSocket upgrades and most load balancers
 * in front of it are HTTP/1.1, and h2 would multiplex every run onto one connection.
 *
 * <p>The pool is built for one {@link TlsTrust} and one user agent; the {@link CoderClient}s it
 * builds ({@link #clientFor}) send that user agent.
 */
public final class CoderHttpClients implements AutoCloseable {
    public static final int DEFAULT_POOL_SIZE = 8;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final List<HttpClient> clients;
    private final TlsTrust tlsTrust;
    private final String userAgent;
    private final AtomicInteger next = new AtomicInteger();

    private CoderHttpClients(List<HttpClient> clients, TlsTrust tlsTrust, String userAgent) {
        this.clients = List.copyOf(clients);
        this.tlsTrust = tlsTrust;
        this.userAgent = userAgent;
    }

    /** The default pool, sending {@value CoderHeaders#DEFAULT_USER_AGENT}. */
    public static CoderHttpClients create(TlsTrust tlsTrust) {
        return create(tlsTrust, CoderHeaders.DEFAULT_USER_AGENT);
    }

    /** The default pool, sending {@code userAgent} (e.g. {@code scaletest/0.3.0}). */
    public static CoderHttpClients create(TlsTrust tlsTrust, String userAgent) {
        return create(DEFAULT_POOL_SIZE, tlsTrust, DEFAULT_CONNECT_TIMEOUT, userAgent);
    }

    public static CoderHttpClients create(int size, TlsTrust tlsTrust, Duration connectTimeout, String userAgent) {
        if (size < 1) {
            throw new IllegalArgumentException("HTTP client pool size must be at least 1, got " + size);
        }
        Objects.requireNonNull(userAgent, "userAgent");
        // The client's internal steps (reading a response, handing it to the waiting caller) run
        // on its own selector thread instead of a new virtual thread each: callers only use the
        // blocking send and read bodies as byte arrays, so nothing long runs there, and the hand-off
        // per step was about 15% of the harness CPU of create-workspaces (bench/create.sh).
        Executor direct = Runnable::run;
        List<HttpClient> clients = new ArrayList<>(size);
        SSLContext tls = tlsTrust.sslContext();
        for (int i = 0; i < size; i++) {
            clients.add(HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .executor(direct)
                    .sslContext(tls)
                    .build());
        }
        return new CoderHttpClients(clients, tlsTrust, userAgent);
    }

    /** The next client in round-robin order; give each run one and keep it for the run. */
    public HttpClient next() {
        return clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
    }

    public int size() {
        return clients.size();
    }

    public TlsTrust tlsTrust() {
        return tlsTrust;
    }

    public String userAgent() {
        return userAgent;
    }

    /** A client builder for {@code endpoint} on the next pooled HTTP client, with this pool's user agent. */
    public CoderClient.Builder clientFor(CoderEndpoint endpoint) {
        if (!endpoint.tlsTrust().equals(tlsTrust)) {
            throw new IllegalArgumentException("endpoint wants TLS trust " + endpoint.tlsTrust()
                    + " but this HTTP client pool was built with " + tlsTrust);
        }
        return CoderClient.builder(endpoint, next()).userAgent(userAgent);
    }

    @Override
    public void close() {
        clients.forEach(HttpClient::shutdownNow);
    }
}
