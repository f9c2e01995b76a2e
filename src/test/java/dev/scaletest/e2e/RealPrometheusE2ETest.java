package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * workspace-traffic's metrics as the real programs receive them: Prometheus scraping the endpoint
 * while traffic runs, and a Pushgateway given the final push. Each is asked through its own HTTP
 * API, by Coder's metric and label names, and the values must be the run's own: the bytes Coder's
 * counters add up to are the report's {@code traffic.bytes_written} and {@code traffic.bytes_read}.
 */
class RealPrometheusE2ETest {
    private static final Pattern ADDRESS = Pattern.compile("Prometheus metrics at http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern GENERATED_RUN_ID = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{4}");
    private static final int STREAMS = 3;

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void prometheusScrapesTheEndpointWhileTrafficRuns() throws Exception {
        Path targets = dir.resolve("targets.json");
        Files.writeString(targets, "[]");
        // the endpoint's port is only known once the command has bound it: file discovery takes it then
        String config = """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: scaletest
                    file_sd_configs:
                      - files: ['%s']
                        refresh_interval: 1s
                """.formatted(targets);
        try (PrometheusServer prometheus = PrometheusServer.prometheus(dir, config)) {
            ScaletestProcess scaletest = new ScaletestProcess(dir.resolve("home"));
            Path report = dir.resolve("traffic.json");
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> scaletest.run("workspace-traffic",
                    "--embedded", "--count", String.valueOf(STREAMS), "--timeout", "20s", "--concurrency", "0",
                    "--progress", "none", "--scaletest-prometheus-address", "127.0.0.1:0",
                    "--scaletest-prometheus-wait", "5s", "--journal-dir", dir.resolve("journal").toString(),
                    "--output", "json:" + report));
            int port = awaitPort(scaletest, exit);
            Path next = dir.resolve("targets.next");
            Files.writeString(next, "[{\"targets\": [\"127.0.0.1:" + port + "\"]}]");
            Files.move(next, targets, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

            String written = "sum(coderd_scaletest_bytes_written_total{job=\"scaletest\"})";
            double midRun = awaitPositive(prometheus, written, exit);
            assertFalse(exit.isDone(), "Prometheus had a scrape with bytes in it while the traffic still ran");

            assertEquals(0, exit.get(150, TimeUnit.SECONDS), scaletest.diagnostics());
            JsonNode traffic = ScaletestProcess.json(report).path("traffic");
            long bytesWritten = traffic.path("bytes_written").asLong();
            assertTrue(midRun > 0 && midRun < bytesWritten, "mid-run " + midRun + " of " + bytesWritten);
            // over a range, so the staleness markers Prometheus sets once the endpoint is gone do not hide them
            assertEquals(bytesWritten, finalSum(prometheus, "coderd_scaletest_bytes_written_total"));
            assertEquals(traffic.path("bytes_read").asLong(), finalSum(prometheus, "coderd_scaletest_bytes_read_total"));
            assertEquals(0, finalSum(prometheus, "coderd_scaletest_read_errors_total"));
            assertEquals(0, finalSum(prometheus, "coderd_scaletest_write_errors_total"));

            JsonNode streams = prometheus.query("max_over_time(coderd_scaletest_bytes_written_total{job=\"scaletest\"}[10m])");
            assertEquals(STREAMS, streams.size(), "one series per stream: " + streams);
            for (JsonNode stream : streams) {
                JsonNode labels = stream.path("metric");
                assertTrue(labels.path("workspace_name").asText().startsWith("scaletest-"), labels.toString());
                assertFalse(labels.path("username").asText().isEmpty(), labels.toString());
                assertFalse(labels.path("agent_name").asText().isEmpty(), labels.toString());
            }
            // every write's duration is in Coder's histogram, plus the 0 s observation each stream starts with
            double writes = finalSum(prometheus, "coderd_scaletest_write_latency_seconds_count");
            double inf = finalSum(prometheus, "coderd_scaletest_write_latency_seconds_bucket", "le=\"+Inf\"");
            assertEquals(writes, inf, "the +Inf bucket counts every write");
            assertTrue(writes > STREAMS, "writes were timed: " + writes);
        }
    }

    @Test
    @Timeout(120)
    void aPushgatewayReceivesTheFinalValues() throws Exception {
        try (PrometheusServer gateway = PrometheusServer.pushgateway(dir)) {
            ScaletestProcess scaletest = new ScaletestProcess(dir.resolve("home"));
            Path report = dir.resolve("traffic.json");
            int code = scaletest.run("workspace-traffic", "--embedded", "--count", String.valueOf(STREAMS),
                    "--timeout", "4s", "--concurrency", "0", "--progress", "none",
                    "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s",
                    "--prometheus-push-url", gateway.base().toString(),
                    "--journal-dir", dir.resolve("journal").toString(), "--output", "json:" + report);
            assertEquals(0, code, scaletest.diagnostics());
            JsonNode json = ScaletestProcess.json(report);
            JsonNode traffic = json.path("traffic");

            List<JsonNode> groups = new ArrayList<>();
            gateway.pushedGroups().forEach(g -> {
                if ("scaletest".equals(g.path("labels").path("job").asText())) {
                    groups.add(g);
                }
            });
            assertEquals(1, groups.size(), "one push, grouped by job and instance: " + groups);
            JsonNode group = groups.get(0);
            // instance is the run id: the report's, where it names one (sharded runs), else one the command made up
            String instance = group.path("labels").path("instance").asText();
            String runId = json.path("metadata").path("run_id").asText();
            assertTrue(runId.isEmpty() ? GENERATED_RUN_ID.matcher(instance).matches() : runId.equals(instance),
                    "instance " + instance + ", run id " + runId);

            assertEquals(traffic.path("bytes_written").asLong(), pushedSum(group, "coderd_scaletest_bytes_written_total"));
            assertEquals(traffic.path("bytes_read").asLong(), pushedSum(group, "coderd_scaletest_bytes_read_total"));
            assertTrue(traffic.path("bytes_written").asLong() > 0, traffic.toString());
            JsonNode streams = group.path("coderd_scaletest_bytes_written_total").path("metrics");
            assertEquals(STREAMS, streams.size(), streams.toString());
            assertEquals("COUNTER", group.path("coderd_scaletest_bytes_written_total").path("type").asText());
            for (JsonNode stream : streams) {
                assertTrue(stream.path("labels").path("workspace_name").asText().startsWith("scaletest-"), stream.toString());
            }
            assertEquals("HISTOGRAM", group.path("coderd_scaletest_write_latency_seconds").path("type").asText());
        }
    }

    private static int awaitPort(ScaletestProcess scaletest, CompletableFuture<Integer> exit) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until && !exit.isDone()) {
            Matcher m = ADDRESS.matcher(scaletest.err());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no Prometheus address announced:\n" + scaletest.diagnostics());
    }

    /** Polls Prometheus until {@code promql} is above 0 while the command still runs. */
    private static double awaitPositive(PrometheusServer prometheus, String promql, CompletableFuture<Integer> exit)
            throws IOException, InterruptedException {
        while (!exit.isDone()) {
            double value = prometheus.value(promql);
            if (value > 0) {
                return value;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(promql + " never above 0 during the run; targets: "
                + prometheus.get("/api/v1/targets").body() + "\n" + prometheus.log());
    }

    private static double finalSum(PrometheusServer prometheus, String metric, String... matchers) throws IOException,
            InterruptedException {
        String selector = metric + "{job=\"scaletest\"" + (matchers.length == 0 ? "" : "," + String.join(",", matchers)) + "}";
        return prometheus.value("sum(max_over_time(" + selector + "[10m]))");
    }

    private static long pushedSum(JsonNode group, String metric) {
        long sum = 0;
        for (JsonNode m : group.path(metric).path("metrics")) {
            sum += (long) Double.parseDouble(m.path("value").asText());
        }
        return sum;
    }

}
