package dev.scaletest.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus or Pushgateway (Debian's {@code /usr/bin/prometheus},
 * {@code /usr/bin/prometheus-pushgateway}, installed by {@code bin/install-test-tools}) started for
 * one test on a free loopback port with its data in the test's folder, and stopped by
 * {@link #close()}. The packages' own services are never used.
 */
final class PrometheusServer implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI base;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Prometheus with {@code config} (prometheus.yml text) and {@code flags}, e.g. the remote-write receiver's. */
    static PrometheusServer prometheus(Path dir, String config, String... flags) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("prometheus.yml"), config);
        List<String> command = new ArrayList<>(List.of("/usr/bin/prometheus",
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--log.level=warn"));
        command.addAll(List.of(flags));
        return start(dir, "prometheus", command);
    }

    /** A Pushgateway persisting to the test's folder (Debian's build defaults to a file under /var/lib). */
    static PrometheusServer pushgateway(Path dir) throws IOException, InterruptedException {
        return start(dir, "pushgateway", new ArrayList<>(List.of("/usr/bin/prometheus-pushgateway", "--log.level=warn",
                "--persistence.file=" + dir.resolve("pushgateway.data"))));
    }

    private static PrometheusServer start(Path dir, String name, List<String> command) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(command.get(0)))) {
            throw new AssertionError(command.get(0) + " is not installed: run bin/install-test-tools");
        }
        int port = freePort();
        command.add("--web.listen-address=127.0.0.1:" + port);
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long until = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < until && process.isAlive()) {
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // starting
            }
            Thread.sleep(100);
        }
        close();
        throw new AssertionError("not ready at " + base + ":\n" + Files.readString(log));
    }

    URI base() {
        return base;
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code data.result} of an instant query through Prometheus's HTTP API. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError("query " + promql + ": " + response.statusCode() + " " + response.body());
        }
        return body.path("data").path("result");
    }

    /** The value of a query that yields exactly one series or scalar; NaN when it yields none. */
    double value(String promql) throws IOException, InterruptedException {
        JsonNode result = query(promql);
        if (result.isEmpty()) {
            return Double.NaN;
        }
        if (result.size() != 1) {
            throw new AssertionError(promql + " yields " + result.size() + " series: " + result);
        }
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    /** A Pushgateway's {@code /api/v1/metrics}: every group with its metrics. */
    JsonNode pushedGroups() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/v1/metrics");
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError("/api/v1/metrics: " + response.statusCode() + " " + response.body());
        }
        return body.path("data");
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
