package dev.scaletest.scenarios.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.scaletest.net.HostPort;
import dev.scaletest.scenarios.ConfigException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PrometheusTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static PrometheusMeterRegistry registryWithOneStream() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StreamMetrics stream = new WorkspaceTrafficMetrics(registry).stream("scaletest-ab12", "scaletest-ab12-0", "main");
        stream.bytesWritten(4096);
        stream.bytesRead(4000);
        stream.writeLatency(Duration.ofMillis(3));
        stream.echoRoundTrip(Duration.ofMillis(42));
        return registry;
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void scrapeOnEveryPathHasCodersNamesAndLabels() throws Exception {
        try (ScrapeEndpoint endpoint = ScrapeEndpoint.start(registryWithOneStream(), new HostPort("127.0.0.1", 0))) {
            int port = endpoint.address().getPort();
            assertTrue(port > 0);
            HttpResponse<String> metrics = get(URI.create("http://127.0.0.1:" + port + "/metrics"));
            HttpResponse<String> root = get(URI.create("http://127.0.0.1:" + port + "/anything/else"));
            assertEquals(200, metrics.statusCode());
            assertEquals(200, root.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            String text = metrics.body();

            Set<String> families = new TreeSet<>();
            text.lines().filter(l -> l.startsWith("# TYPE ")).forEach(l -> families.add(l.split(" ")[2]));
            assertEquals(new TreeSet<>(List.of(
                    "coderd_scaletest_bytes_read_total", "coderd_scaletest_bytes_written_total",
                    "coderd_scaletest_read_errors_total", "coderd_scaletest_write_errors_total",
                    "coderd_scaletest_read_latency_seconds", "coderd_scaletest_write_latency_seconds",
                    "scaletest_echo_round_trip_seconds")), families, text);

            String labels = "{agent_name=\"main\",username=\"scaletest-ab12\",workspace_name=\"scaletest-ab12-0\"}";
            assertTrue(text.contains("coderd_scaletest_bytes_written_total" + labels + " 4096"), text);
            assertTrue(text.contains("coderd_scaletest_bytes_read_total" + labels + " 4000"), text);
            assertTrue(text.contains("coderd_scaletest_read_errors_total" + labels + " 0"), "eager zero: " + text);
            assertTrue(text.contains("coderd_scaletest_read_latency_seconds_count" + labels + " 1"), "one 0s observation");
            assertTrue(text.contains("coderd_scaletest_write_latency_seconds_count" + labels + " 2"), text);
            List<String> buckets = new ArrayList<>();
            text.lines().filter(l -> l.startsWith("coderd_scaletest_read_latency_seconds_bucket"))
                    .forEach(l -> buckets.add(l.replaceAll(".*le=\"([^\"]+)\".*", "$1")));
            assertEquals(List.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf"),
                    buckets);
            assertTrue(text.contains("scaletest_echo_round_trip_seconds_sum" + labels + " 0.042"), text);
        }
    }

    @Test
    void listenAddresses() {
        assertEquals(new HostPort("0.0.0.0", 21112), address("0.0.0.0:21112").listenAddress());
        assertEquals(new HostPort("", 0), address(":0").listenAddress());
        assertEquals(new HostPort("::1", 9000), address("[::1]:9000").listenAddress());
        ConfigException e = assertThrows(ConfigException.class, () -> address("21112").listenAddress());
        assertEquals("--scaletest-prometheus-address must be host:port, got \"21112\"", e.getMessage());
        assertThrows(ConfigException.class, () -> address("host:99999").listenAddress());
    }

    private static dev.scaletest.scenarios.PrometheusConfig address(String address) {
        return new dev.scaletest.scenarios.PrometheusConfig(address, Duration.ZERO, Optional.empty());
    }

    @Test
    void waitPrintsCodersMessageAndSleeps() throws Exception {
        List<String> lines = new ArrayList<>();
        List<Duration> slept = new ArrayList<>();
        new ScrapeWait(lines::add, slept::add).await(Duration.ofSeconds(15));
        assertEquals(List.of("Waiting 15s for prometheus metrics to be scraped"), lines);
        assertEquals(List.of(Duration.ofSeconds(15)), slept);
    }

    @Test
    void pushPutsTheScrapeToThePushgateway() throws Exception {
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        CompletableFuture<String> received = new CompletableFuture<>();
        gateway.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.complete(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + "\n" + body);
                exchange.sendResponseHeaders(200, -1);
            }
        });
        gateway.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/");
            new PushgatewayPush(http, base).push(registryWithOneStream(), "runner-1");
            String request = received.get(10, TimeUnit.SECONDS);
            assertTrue(request.startsWith("PUT /metrics/job/scaletest/instance/runner-1\n"), request);
            assertTrue(request.contains("coderd_scaletest_bytes_written_total{"), request);
        } finally {
            gateway.stop(0);
        }
    }

    @Test
    void pushReportsARefusal() throws Exception {
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                byte[] body = "bad metric".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(400, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        gateway.start();
        try {
            PushgatewayPush push = new PushgatewayPush(http, URI.create("http://127.0.0.1:" + gateway.getAddress().getPort()));
            IOException e = assertThrows(IOException.class, () -> push.push("x 1\n", null));
            assertTrue(e.getMessage().contains("/metrics/job/scaletest: status 400: bad metric"), e.getMessage());
            assertEquals("/metrics/job/scaletest/instance@base64/YS9i", push.target("a/b").getPath());
        } finally {
            gateway.stop(0);
        }
    }
}
