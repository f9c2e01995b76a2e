package dev.scaletest.coder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scaletest.coder.wire.RetryPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A loopback HTTP server answering scripted replies per "METHOD /path" and recording every request.
 * Unscripted routes answer 404 with a Coder-style JSON error.
 */
final class ScriptedCoder implements AutoCloseable {
    static final String TOKEN = "tok-8d5f2c1e-Secret-Session-Value";

    record Seen(String method, String path, String rawQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().getFirst();
                }
            }
            return null;
        }
    }

    record Reply(int status, String contentType, String body, Map<String, String> headers) {
        static Reply json(int status, String body) {
            return new Reply(status, "application/json", body, Map.of());
        }

        Reply withHeader(String name, String value) {
            Map<String, String> h = new HashMap<>(headers);
            h.put(name, value);
            return new Reply(status, contentType, body, h);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Deque<Function<Seen, Reply>>> routes = new HashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    ScriptedCoder() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    CoderEndpoint endpoint(List<CoderEndpoint.Header> headers) {
        return new CoderEndpoint(url(), TOKEN, headers, false);
    }

    /** Replies in order; the last one repeats. */
    synchronized ScriptedCoder on(String method, String path, Reply... replies) {
        Deque<Function<Seen, Reply>> q = routes.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>());
        for (Reply r : replies) {
            q.add(s -> r);
        }
        return this;
    }

    synchronized ScriptedCoder onEach(String method, String path, Function<Seen, Reply> handler) {
        routes.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>()).add(handler);
        return this;
    }

    List<Seen> requests() {
        return new ArrayList<>(seen);
    }

    List<Seen> requests(String method, String path) {
        return seen.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Seen s = new Seen(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(),
                    Map.copyOf(ex.getRequestHeaders()), body);
            seen.add(s);
            Function<Seen, Reply> handler;
            synchronized (this) {
                Deque<Function<Seen, Reply>> q = routes.get(s.method() + " " + s.path());
                handler = q == null || q.isEmpty() ? null : (q.size() > 1 ? q.poll() : q.peek());
            }
            Reply r = handler == null ? Reply.json(404, "{\"message\":\"Route not found.\"}") : handler.apply(s);
            if (r.contentType() != null) {
                ex.getResponseHeaders().set("Content-Type", r.contentType());
            }
            r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Records every requested pause instead of sleeping. */
    static final class RecordingSleeper implements RetryPolicy.Sleeper {
        final List<Duration> pauses = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration delay) {
            pauses.add(delay);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
