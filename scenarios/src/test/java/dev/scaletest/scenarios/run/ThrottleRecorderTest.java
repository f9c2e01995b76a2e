package dev.scaletest.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.harness.Results;
import dev.scaletest.metrics.OperationMetrics;
import dev.scaletest.reports.CoderResultsCodec;
import dev.scaletest.reports.ReportBuilder;
import dev.scaletest.reports.ReportJson;
import dev.scaletest.reports.ReportMetadata;
import dev.scaletest.reports.ThrottleTallies;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A 429 a run's client waits out shows up in the report: the throttling field, the operation and the counter. */
class ThrottleRecorderTest {
    private HttpServer server;
    private final AtomicInteger logins = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v2/users/login", exchange -> {
            boolean limited = logins.incrementAndGet() <= 2;
            byte[] body = (limited ? "{\"message\":\"You've been rate limited for sending more than 60 requests in 1m0s.\"}"
                    : "{\"session_token\":\"t-" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (limited) {
                exchange.getResponseHeaders().set("Retry-After", "60");
            }
            exchange.sendResponseHeaders(limited ? 429 : 201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void retriesAndCreatesFoundExistingReachTheTallies() {
        ThrottleTallies tallies = new ThrottleTallies();
        ThrottleRecorder recorder = new ThrottleRecorder(tallies, new OperationMetrics());
        recorder.retried("GET /workspaces/{workspace}");
        recorder.retried("POST /users");
        recorder.foundExisting("POST /users");
        assertEquals(2, tallies.snapshot().retries());
        assertEquals(1, tallies.snapshot().foundExisting());
        assertEquals(1, tallies.snapshot().routes().get("POST /users").foundExisting());
    }

    @Test
    void waitedOut429sAreCountedInTheReport() throws Exception {
        OperationMetrics metrics = new OperationMetrics();
        ThrottleTallies tallies = new ThrottleTallies();
        List<Duration> slept = new CopyOnWriteArrayList<>();
        CoderEndpoint endpoint = new CoderEndpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "owner-token",
                List.of(), false);
        CoderClient runner = CoderClient.builder(endpoint, HttpClient.newHttpClient()).bypassRateLimit(true)
                .sleeper(slept::add).throttleListener(new ThrottleRecorder(tallies, metrics)).build();

        metrics.start();
        runner.login("a@scaletest.local", "pw");
        metrics.stop();

        assertEquals(3, logins.get());
        assertEquals(2, slept.size());
        for (Duration pause : slept) {
            assertTrue(pause.compareTo(Duration.ofSeconds(60)) >= 0 && pause.compareTo(Duration.ofSeconds(66)) <= 0, pause.toString());
        }
        long waitedMs = slept.stream().mapToLong(d -> (d.toNanos() + 500_000) / 1_000_000).sum();
        Instant now = Instant.now();
        var report = new ReportBuilder().build(new Results(0, 0, 0, Duration.ZERO, new TreeMap<>()), metrics.snapshot(),
                ReportMetadata.of("test", "scaletest create-workspaces", endpoint.url().toString(), now, now, null),
                List.of(), List.of(), tallies.snapshot());
        JsonNode json = new ObjectMapper().readTree(new ReportJson(new CoderResultsCodec()).toJson(report));

        assertEquals(2, json.path("throttling").path("responses").asLong());
        assertEquals(waitedMs, json.path("throttling").path("wait_ms").asLong());
        assertEquals(2, json.path("throttling").path("routes").path("POST /users/login").path("responses").asLong());
        assertEquals(waitedMs, json.path("throttling").path("routes").path("POST /users/login").path("wait_ms").asLong());
        assertEquals(2, json.path("operations").path("api.throttle_wait").path("count").asLong());
        assertTrue(json.path("operations").path("api.throttle_wait").path("min_ms").asDouble() >= 59_900,
                json.path("operations").path("api.throttle_wait").toString());
        assertEquals(2, metrics.counterTotal("api.throttled"));
    }
}
