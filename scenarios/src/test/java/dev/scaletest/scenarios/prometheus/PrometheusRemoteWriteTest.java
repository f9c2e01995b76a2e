package dev.scaletest.scenarios.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Counter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/**
 * Remote write's side of the push: the samples are the series a scrape shows, and the request has
 * the spec's headers and encoding. A real Prometheus receiving them is the e2e suite's job.
 */
class PrometheusRemoteWriteTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static PrometheusMeterRegistry registryOfEveryKind() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StreamMetrics stream = new WorkspaceTrafficMetrics(registry).stream("scaletest-ab12", "scaletest-ab12-0", "main");
        stream.bytesWritten(4096);
        stream.bytesRead(4000);
        stream.readLatency(Duration.ofMillis(30));
        stream.writeLatency(Duration.ofMillis(3));
        registry.counter("scaletest.traffic.bytes_read").increment(4000);
        Timer.builder("scaletest.echo").publishPercentileHistogram().register(registry).record(Duration.ofMillis(7));
        DistributionSummary.builder("scaletest.chunk").publishPercentiles(0.5, 0.99).register(registry).record(512);
        // A gauge on a boxed value is weakly held: a GC between register and scrape would read NaN.
        Gauge.builder("scaletest.streams", () -> 3.0).strongReference(true).register(registry);
        return registry;
    }

    /** The text format's series, as {@code name{a="1",b="2"}} (labels sorted) to value. */
    private static Map<String, Double> textSeries(String exposition) {
        Map<String, Double> series = new TreeMap<>();
        exposition.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(line -> {
            int space = line.lastIndexOf(' ');
            String key = line.substring(0, space);
            int brace = key.indexOf('{');
            String name = brace < 0 ? key : key.substring(0, brace);
            String labels = brace < 0 ? "" : key.substring(brace + 1, key.length() - 1);
            String sorted = labels.isEmpty() ? "" : List.of(labels.split(",")).stream().sorted().collect(Collectors.joining(","));
            series.put(name + "{" + sorted + "}", Double.parseDouble(line.substring(space + 1)));
        });
        return series;
    }

    private static Map<String, Double> sampleSeries(List<Sample> samples) {
        Map<String, Double> series = new TreeMap<>();
        for (Sample s : samples) {
            String labels = s.labels().entrySet().stream().filter(e -> !e.getKey().equals(Sample.NAME_LABEL))
                    .map(e -> e.getKey() + "=\"" + e.getValue() + "\"").collect(Collectors.joining(","));
            series.put(s.name() + "{" + labels + "}", s.value());
        }
        return series;
    }

    @Test
    void samplesAreTheSeriesAScrapeShowsWithTheirValues() {
        PrometheusMeterRegistry registry = registryOfEveryKind();
        Map<String, Double> scraped = textSeries(registry.scrape());
        Map<String, Double> pushed = sampleSeries(RegistrySamples.of(registry.getPrometheusRegistry().scrape(), Map.of()));
        assertEquals(scraped, pushed);
        assertEquals(4096.0, pushed.get("coderd_scaletest_bytes_written_total{agent_name=\"main\",username=\"scaletest-ab12\","
                + "workspace_name=\"scaletest-ab12-0\"}"));
        // cumulative: the 0 s observation and the 30 ms read are both under 0.05 s, only the first under 0.025 s
        assertEquals(1.0, pushed.get("coderd_scaletest_read_latency_seconds_bucket{agent_name=\"main\",le=\"0.025\","
                + "username=\"scaletest-ab12\",workspace_name=\"scaletest-ab12-0\"}"));
        assertEquals(2.0, pushed.get("coderd_scaletest_read_latency_seconds_bucket{agent_name=\"main\",le=\"0.05\","
                + "username=\"scaletest-ab12\",workspace_name=\"scaletest-ab12-0\"}"));
    }

    @Test
    void targetLabelsAreAddedAndAMetricsOwnLabelOfTheSameNameIsKeptAsExported() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder().name("scaletest_jobs").labelNames("job").withoutExemplars().register(registry.getPrometheusRegistry())
                .labelValues("build").inc(2);
        List<Sample> samples = RegistrySamples.of(registry.getPrometheusRegistry().scrape(),
                Map.of("job", "scaletest", "instance", "run-1"));
        assertEquals(1, samples.size());
        assertEquals(Map.of("__name__", "scaletest_jobs_total", "job", "scaletest", "instance", "run-1", "exported_job", "build"),
                samples.get(0).labels());
        assertEquals(List.of("__name__", "exported_job", "instance", "job"), List.copyOf(samples.get(0).labels().keySet()),
                "sorted by name, as the spec requires");
    }

    @Test
    void receiverUrlsPickRemoteWriteAndBaseUrlsThePushgateway() {
        assertInstanceOf(RemoteWritePush.class, MetricsPush.to(http, URI.create("http://prom:9090/api/v1/write")));
        assertInstanceOf(RemoteWritePush.class, MetricsPush.to(http, URI.create("https://mimir/api/v1/push")));
        assertInstanceOf(RemoteWritePush.class, MetricsPush.to(http, URI.create("http://thanos:19291/api/v1/receive/")));
        assertInstanceOf(PushgatewayPush.class, MetricsPush.to(http, URI.create("http://push:9091")));
        assertInstanceOf(PushgatewayPush.class, MetricsPush.to(http, URI.create("http://push:9091/")));
        assertInstanceOf(PushgatewayPush.class, MetricsPush.to(http, URI.create("http://gw.example/pushgateway")));
    }

    @Test
    void aPushIsOneSnappyProtobufPostWithTheSpecsHeaders() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        HttpServer receiver = server(exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + " " + exchange.getRequestHeaders().getFirst("Content-Type")
                    + " " + exchange.getRequestHeaders().getFirst("Content-Encoding")
                    + " " + exchange.getRequestHeaders().getFirst("X-Prometheus-Remote-Write-Version"));
            bodies.add(exchange.getRequestBody().readAllBytes());
            return 204;
        });
        try {
            Clock clock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_123L), ZoneOffset.UTC);
            new RemoteWritePush(http, uri(receiver, "/api/v1/write"), clock).push(registryOfEveryKind(), "run-1");
        } finally {
            receiver.stop(0);
        }
        assertEquals(List.of("POST /api/v1/write application/x-protobuf snappy 0.1.0"), seen);
        byte[] request = Snappy.uncompress(bodies.get(0));
        String text = new String(request, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("coderd_scaletest_bytes_written_total"), "series names travel as protobuf strings");
        assertTrue(text.contains("scaletest-ab12-0") && text.contains("run-1"), "with their label values");
        assertEquals(0x0a, request[0] & 0xff, "the first field is WriteRequest.timeseries (1, length-delimited)");
    }

    @Test
    void aServerErrorIsTriedAgainAndAClientErrorIsFinal() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer flaky = server(exchange -> requests.incrementAndGet() == 1 ? 503 : 204);
        try {
            new RemoteWritePush(http, uri(flaky, "/api/v1/write")).push(registryOfEveryKind(), "run-1");
        } finally {
            flaky.stop(0);
        }
        assertEquals(2, requests.get(), "one retry after the 503");

        AtomicInteger rejected = new AtomicInteger();
        HttpServer strict = server(exchange -> {
            rejected.incrementAndGet();
            return 400;
        });
        try {
            IOException e = assertThrows(IOException.class,
                    () -> new RemoteWritePush(http, uri(strict, "/api/v1/write")).push(registryOfEveryKind(), "run-1"));
            assertTrue(e.getMessage().contains("status 400") && e.getMessage().contains("/api/v1/write"), e.getMessage());
            assertFalse(e.getMessage().contains("attempts"), e.getMessage());
        } finally {
            strict.stop(0);
        }
        assertEquals(1, rejected.get(), "a 4xx is not sent again");
    }

    @FunctionalInterface
    private interface Answer {
        int status(com.sun.net.httpserver.HttpExchange exchange) throws IOException;
    }

    private static HttpServer server(Answer answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                int status = answer.status(exchange);
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
        return server;
    }

    private static URI uri(HttpServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}
