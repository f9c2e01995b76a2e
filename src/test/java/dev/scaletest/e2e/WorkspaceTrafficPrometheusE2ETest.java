package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * While workspace-traffic runs, its Prometheus endpoint (on a loopback port the command picks)
 * serves Coder's six workspace-traffic series per stream, with Coder's labels, and they move:
 * bytes are counted and every write's duration lands in the write latency histogram.
 */
class WorkspaceTrafficPrometheusE2ETest {
    private static final Pattern ADDRESS = Pattern.compile("Prometheus metrics at (http://127\\.0\\.0\\.1:\\d+/)");
    private static final List<String> CODER_SERIES = List.of("coderd_scaletest_bytes_read_total", "coderd_scaletest_bytes_written_total",
            "coderd_scaletest_read_errors_total", "coderd_scaletest_write_errors_total",
            "coderd_scaletest_read_latency_seconds_bucket", "coderd_scaletest_write_latency_seconds_bucket");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void coderMetricsAreScrapedWhileTrafficRuns() throws Exception {
        ScaletestProcess scaletest = new ScaletestProcess(dir);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> scaletest.run("workspace-traffic", "--embedded",
                "--count", "5", "--timeout", "8s", "--progress", "none",
                "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s",
                "--journal-dir", dir.resolve("journal").toString()));
        URI endpoint = awaitAddress(scaletest, exit);
        String scrape;
        try (HttpClient http = HttpClient.newHttpClient()) {
            scrape = awaitWrites(http, endpoint.resolve("/metrics"));
        }
        assertFalse(exit.isDone(), "scraped while the traffic was still running");

        for (String series : CODER_SERIES) {
            Matcher m = Pattern.compile("(?m)^" + series + "\\{([^}]*)}").matcher(scrape);
            assertTrue(m.find(), series + " missing:\n" + scrape);
            String labels = m.group(1);
            assertTrue(labels.contains("username=\"") && labels.contains("workspace_name=\"scaletest-")
                    && labels.contains("agent_name=\""), series + " labels: " + labels);
        }
        assertTrue(scrape.contains("scaletest_echo_round_trip_seconds_bucket{"), scrape);
        assertEquals(5, count(scrape, "(?m)^coderd_scaletest_bytes_written_total\\{"), "one series per stream:\n" + scrape);
        assertTrue(sum(scrape, "coderd_scaletest_bytes_written_total") > 0, scrape);
        assertTrue(sum(scrape, "coderd_scaletest_bytes_read_total") > 0, scrape);

        assertEquals(0, exit.get(60, TimeUnit.SECONDS), scaletest.diagnostics());
    }

    private static URI awaitAddress(ScaletestProcess scaletest, CompletableFuture<Integer> exit) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until && !exit.isDone()) {
            Matcher m = ADDRESS.matcher(scaletest.err());
            if (m.find()) {
                return URI.create(m.group(1));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no Prometheus address announced:\n" + scaletest.diagnostics());
    }

    /** Scrapes until the write latency histograms hold more than their initial 0 s observation per stream. */
    private static String awaitWrites(HttpClient http, URI metrics) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        String body = "";
        while (System.nanoTime() < until) {
            body = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (sum(body, "coderd_scaletest_write_latency_seconds_count") > 5 * 5) {
                return body;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("write latencies never recorded:\n" + body);
    }

    private static double sum(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*} (\\S+)").matcher(scrape);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    private static int count(String scrape, String regex) {
        Matcher m = Pattern.compile(regex).matcher(scrape);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
