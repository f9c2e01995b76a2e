package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.scenarios.prometheus.MetricsPush;
import dev.scaletest.scenarios.prometheus.RemoteWritePush;
import dev.scaletest.scenarios.prometheus.StreamMetrics;
import dev.scaletest.scenarios.prometheus.WorkspaceTrafficMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote-write push as a real Prometheus receives it ({@code --web.enable-remote-write-receiver}):
 * every series a scrape of the registry shows arrives with its value, under Coder's names and labels
 * plus {@code job} and {@code instance}, and Prometheus can compute on the histograms.
 */
class PrometheusRemoteWriteE2ETest {
    private static final String INSTANCE = "20261206-101500-beef";

    @TempDir
    Path dir;

    private static PrometheusMeterRegistry trafficOfTwoStreams() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WorkspaceTrafficMetrics metrics = new WorkspaceTrafficMetrics(registry);
        for (int i = 0; i < 2; i++) {
            StreamMetrics stream = metrics.stream("scaletest-user-" + i, "scaletest-ab12-" + i, "main");
            stream.bytesWritten(4096L * (i + 1));
            stream.bytesRead(4000L * (i + 1));
            for (int w = 0; w < 10; w++) {
                stream.writeLatency(Duration.ofMillis(2));
                stream.echoRoundTrip(Duration.ofMillis(30 + w));
            }
        }
        registry.counter("scaletest.traffic.bytes_written").increment(4096 * 3);
        return registry;
    }

    @Test
    @Timeout(90)
    void prometheusReceivesEverySeriesWithItsValue() throws Exception {
        PrometheusMeterRegistry registry = trafficOfTwoStreams();
        try (PrometheusServer prometheus = PrometheusServer.prometheus(dir, "global:\n  scrape_interval: 15s\n",
                "--web.enable-remote-write-receiver");
                HttpClient http = HttpClient.newHttpClient()) {
            MetricsPush push = MetricsPush.to(http, prometheus.base().resolve("/api/v1/write"));
            assertInstanceOf(RemoteWritePush.class, push);
            push.push(registry, INSTANCE);

            String mine = "{job=\"scaletest\",instance=\"" + INSTANCE + "\"";
            assertEquals(4096, prometheus.value("coderd_scaletest_bytes_written_total" + mine
                    + ",username=\"scaletest-user-0\",workspace_name=\"scaletest-ab12-0\",agent_name=\"main\"}"));
            assertEquals(8192, prometheus.value("coderd_scaletest_bytes_written_total" + mine
                    + ",workspace_name=\"scaletest-ab12-1\"}"));
            assertEquals(4000 + 8000, prometheus.value("sum(coderd_scaletest_bytes_read_total" + mine + "})"));
            assertEquals(4096 * 3, prometheus.value("scaletest_traffic_bytes_written_total" + mine + "}"));
            // 10 writes of 2 ms and the 0 s observation each stream starts with, all under 5 ms
            assertEquals(22, prometheus.value("sum(coderd_scaletest_write_latency_seconds_bucket" + mine + ",le=\"0.005\"})"));
            assertEquals(0.04, prometheus.value("sum(coderd_scaletest_write_latency_seconds_sum" + mine + "})"), 1e-9);
            double p50 = prometheus.value("histogram_quantile(0.5, sum by (le) (scaletest_echo_round_trip_seconds_bucket"
                    + mine + "}))");
            assertTrue(p50 > 0.025 && p50 <= 0.05, "echo p50 from the pushed buckets: " + p50);

            Map<String, Double> scraped = textSeries(registry.scrape());
            Map<String, Double> received = receivedSeries(prometheus.query(mine + "}"));
            assertEquals(scraped, received, "every series of a scrape, with its value");
        }
    }

    @Test
    @Timeout(120)
    void workspaceTrafficPushesItsFinalValuesByRemoteWrite() throws Exception {
        try (PrometheusServer prometheus = PrometheusServer.prometheus(dir, "global:\n  scrape_interval: 15s\n",
                "--web.enable-remote-write-receiver")) {
            ScaletestProcess scaletest = new ScaletestProcess(dir.resolve("home"));
            Path report = dir.resolve("traffic.json");
            int code = scaletest.run("workspace-traffic", "--embedded", "--count", "2", "--timeout", "3s", "--concurrency", "0",
                    "--progress", "none", "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s",
                    "--prometheus-push-url", prometheus.base().resolve("/api/v1/write").toString(),
                    "--journal-dir", dir.resolve("journal").toString(), "--output", "json:" + report);
            assertEquals(0, code, scaletest.diagnostics());
            JsonNode traffic = ScaletestProcess.json(report).path("traffic");
            assertTrue(traffic.path("bytes_written").asLong() > 0, traffic.toString());
            String pushed = "{job=\"scaletest\"}";
            assertEquals(traffic.path("bytes_written").asDouble(), prometheus.value("sum(coderd_scaletest_bytes_written_total" + pushed + ")"));
            assertEquals(traffic.path("bytes_read").asDouble(), prometheus.value("sum(coderd_scaletest_bytes_read_total" + pushed + ")"));
            assertEquals(2, prometheus.query("coderd_scaletest_bytes_written_total" + pushed).size());
        }
    }

    /** The text format's series as {@code name{a="1",...}} with labels sorted, to their value. */
    private static Map<String, Double> textSeries(String exposition) {
        Map<String, Double> series = new TreeMap<>();
        exposition.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(line -> {
            int space = line.lastIndexOf(' ');
            String key = line.substring(0, space);
            int brace = key.indexOf('{');
            String name = brace < 0 ? key : key.substring(0, brace);
            TreeMap<String, String> labels = new TreeMap<>();
            if (brace >= 0) {
                for (String pair : key.substring(brace + 1, key.length() - 1).split(",")) {
                    int eq = pair.indexOf('=');
                    labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
                }
            }
            series.put(name + labels, Double.parseDouble(line.substring(space + 1)));
        });
        return series;
    }

    private static Map<String, Double> receivedSeries(JsonNode result) {
        Map<String, Double> series = new TreeMap<>();
        for (JsonNode s : result) {
            TreeMap<String, String> labels = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = s.path("metric").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!f.getKey().equals("__name__") && !f.getKey().equals("job") && !f.getKey().equals("instance")) {
                    labels.put(f.getKey(), f.getValue().asText());
                }
            }
            series.put(s.path("metric").path("__name__").asText() + labels, Double.parseDouble(s.path("value").get(1).asText()));
        }
        return series;
    }
}
