package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.sun.net.httpserver.HttpServer;
import dev.scaletest.cli.CliEnvironment;
import dev.scaletest.cli.ProductionLauncher;
import dev.scaletest.cli.ScaletestCommand;
import dev.scaletest.reports.ReportSchema;
import dev.scaletest.reports.html.HeadlessChromium;
import dev.scaletest.simulator.Distribution;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.simulator.ssh.SshOptions;
import dev.scaletest.simulator.terminal.TerminalOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Reports end to end on the built-in simulator: a create-workspaces run writes JSON and HTML; the
 * JSON validates against the schema the tool ships, re-renders to the same page, merges with a
 * second shard so that every count adds up; the page draws every chart in headless Chromium with a
 * clean console; failed runs reach the error table and the page with their logs; thresholds set
 * the exit code and can stop a run early; workspace-traffic serves a Prometheus scrape while it
 * runs and pushes the final metrics; the packaged jar writes the HTML page too.
 */
@Timeout(60)
class ReportsE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private static Outcome shardA;
    private static Path jsonA;
    private static Path htmlA;
    private static Simulator failing;

    private record Outcome(int code, String out, String err) {
        String both() {
            return "stdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    @BeforeAll
    static void runShardA() throws Exception {
        jsonA = shared.resolve("a.json");
        htmlA = shared.resolve("a.html");
        shardA = scaletest(shared, "create-workspaces", "--embedded", "--count", "6", "--concurrency", "3",
                "--cleanup-concurrency", "0", "--progress", "json", "--threshold", "build.run:p95<120s",
                "--threshold", "errors<1%", "--journal-dir", shared.resolve("journal-a").toString(),
                "--output", "json:" + jsonA, "--output", "html:" + htmlA);
        failing = Simulator.start(
                new Faults(Map.of(), 0, 0, Duration.ofSeconds(1), 1.0, false, 0, 0, Duration.ZERO, Duration.ZERO),
                o -> o.withBuildTime(Distribution.fixed(Duration.ZERO)).withAgentConnectTime(Distribution.fixed(Duration.ZERO)),
                TerminalOptions.defaults(), SshOptions.defaults());
    }

    @AfterAll
    static void stopSimulator() {
        if (failing != null) {
            failing.close();
        }
    }

    @Test
    void jsonReportValidatesAgainstTheShippedSchemaAndCarriesTheRun() throws Exception {
        assertEquals(0, shardA.code(), shardA.both());
        JsonNode report = JSON.readTree(jsonA.toFile());
        Set<ValidationMessage> problems = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(ReportSchema.text()).validate(report);
        assertTrue(problems.isEmpty(), problems.toString());

        assertEquals(6, report.path("total_pass").asInt());
        assertEquals("pass", report.path("verdict").asText());
        assertEquals(1000, report.path("timeseries").path("interval_ms").asInt(), "the configured interval");
        assertEquals(6, report.path("operations").path("build.run").path("count").asInt());
        assertEquals(2, report.path("thresholds").size());
        report.path("thresholds").forEach(t -> assertTrue(t.path("passed").asBoolean(), t.toString()));
        long maxInFlight = 0;
        double ready = 0;
        for (JsonNode point : report.path("timeseries").path("points")) {
            long inFlight = point.path("gauges").path("build.in_flight").asLong();
            maxInFlight = Math.max(maxInFlight, inFlight);
            ready += point.path("rates").path("workspaces.ready").asDouble();
            // Each point holds its interval's peak: an interval in which a build ended had one in flight.
            if (point.path("ops").path("build.run").path("count").asLong() > 0) {
                assertTrue(inFlight >= 1, "a build ended in this interval, so one was in flight: " + point);
            }
        }
        assertTrue(maxInFlight >= 1 && maxInFlight <= 3, "builds in flight stay within --concurrency 3: " + maxInFlight);
        assertTrue(ready > 0, "workspaces.ready has a rate");

        String err = shardA.err();
        assertEquals(1, Pattern.compile("(?m)^\\s*expression\\s+\\| observed").matcher(err).results().count(), "threshold table once:\n" + err);
        List<JsonNode> phases = new ArrayList<>();
        for (String line : err.lines().filter(l -> l.startsWith("{")).toList()) {
            phases.add(JSON.readTree(line));
        }
        assertTrue(phases.stream().anyMatch(p -> p.path("phase").asText().equals("create-workspaces")
                && p.path("finished").asBoolean() && p.path("done").asInt() == 6), err);
        assertTrue(phases.stream().anyMatch(p -> p.path("phase").asText().equals("cleanup")
                && p.path("finished").asBoolean() && p.path("done").asInt() == 6), err);
    }

    @Test
    void reportSchemaCommandPrintsTheShippedSchema() throws Exception {
        Outcome r = scaletest(tmp, "report", "schema");
        assertEquals(0, r.code(), r.both());
        assertEquals(JSON.readTree(ReportSchema.text()), JSON.readTree(r.out()));
        assertTrue(r.out().contains("\"build_failed\""), "the error classes are listed");
    }

    @Test
    void reRenderingTheJsonGivesTheSamePage() throws Exception {
        Path again = tmp.resolve("again.html");
        Outcome r = scaletest(tmp, "report", "render", jsonA.toString(), "--output", "html:" + again);
        assertEquals(0, r.code(), r.both());
        assertEquals(Files.readString(htmlA), Files.readString(again));
    }

    @Test
    void mergedShardsAddUpExactly() throws Exception {
        Path jsonB = tmp.resolve("b.json");
        Outcome b = scaletest(tmp, "create-workspaces", "--embedded", "--count", "4", "--concurrency", "0",
                "--cleanup-concurrency", "0", "--quiet", "--progress", "json", "--journal-dir", tmp.resolve("journal-b").toString(),
                "--output", "json:" + jsonB);
        assertEquals(0, b.code(), b.both());
        assertFalse(b.err().contains("\"type\":\"phase\""), "--quiet silences even --progress json:\n" + b.err());
        Path merged = tmp.resolve("merged.json");
        Outcome m = scaletest(tmp, "report", "merge", jsonA.toString(), jsonB.toString(), "--output", "json:" + merged);
        assertEquals(0, m.code(), m.both());

        JsonNode a = JSON.readTree(jsonA.toFile());
        JsonNode bb = JSON.readTree(jsonB.toFile());
        JsonNode all = JSON.readTree(merged.toFile());
        for (String total : List.of("total_runs", "total_pass", "total_fail")) {
            assertEquals(a.path(total).asInt() + bb.path(total).asInt(), all.path(total).asInt(), total);
        }
        assertEquals(10, all.path("runs").size(), "clashing run ids were renamed, none lost");
        Iterator<String> ops = all.path("operations").fieldNames();
        int checked = 0;
        while (ops.hasNext()) {
            String op = ops.next();
            assertEquals(a.path("operations").path(op).path("count").asLong() + bb.path("operations").path(op).path("count").asLong(),
                    all.path("operations").path(op).path("count").asLong(), op);
            checked++;
        }
        assertTrue(checked >= 5, all.path("operations").toString());
        assertEquals(2, all.path("metadata").path("merged_from").size());
    }

    @Test
    @Timeout(120) // Chromium alone takes 5 s on an idle machine, but 40 s when the whole suite shares two cores
    void everyChartDrawsInHeadlessChromiumWithACleanConsole() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.requireInstalled(tmp);
        String html = Files.readString(htmlA);
        for (String chart : List.of("throughput-events", "gauges", "lifecycle", "latency-build.run", "spectrum-build.run")) {
            assertTrue(html.contains("data-chart=\"" + chart + "\""), chart);
        }
        chromium.assertEveryChartDrawsWithACleanConsole(htmlA);
    }

    @Test
    void failedRunsReachTheErrorTableAndThePageWithTheirLogs() throws Exception {
        Path json = tmp.resolve("fail.json");
        Path html = tmp.resolve("fail.html");
        Outcome r = scaletest(tmp, "create-workspaces", "--url", failing.url().toString(), "--token", failing.adminToken(),
                "--template", "kubernetes", "--count", "3", "--concurrency", "0", "--cleanup-concurrency", "0",
                "--progress", "none", "--journal-dir", tmp.resolve("j").toString(),
                "--output", "json:" + json, "--output", "html:" + html);
        assertEquals(1, r.code(), r.both());
        JsonNode report = JSON.readTree(json.toFile());
        assertEquals("fail", report.path("verdict").asText());
        JsonNode errors = report.path("errors");
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("build_failed", errors.get(0).path("class").asText());
        assertEquals(3, errors.get(0).path("count").asInt());
        assertTrue(errors.get(0).path("example").asText().contains("build failed"), errors.toString());
        String page = Files.readString(html);
        assertTrue(page.contains("<section id=\"errors\">"), "error table");
        assertTrue(page.contains("<section id=\"failed-runs\"><h2>Failed runs (3)</h2>"), "failed runs");
        assertTrue(page.contains("Build started! Streaming logs below:"), "with their logs");
    }

    @Test
    void failedThresholdWithPassingRunsExitsThree() throws Exception {
        Path json = tmp.resolve("t.json");
        Outcome r = scaletest(tmp, "create-workspaces", "--embedded", "--count", "2", "--concurrency", "0",
                "--cleanup-concurrency", "0", "--progress", "none", "--threshold", "build.run:max<1us",
                "--journal-dir", tmp.resolve("j").toString(), "--output", "json:" + json);
        assertEquals(3, r.code(), r.both());
        JsonNode report = JSON.readTree(json.toFile());
        assertEquals("thresholds_failed", report.path("verdict").asText());
        assertFalse(report.path("thresholds").get(0).path("passed").asBoolean());
        assertTrue(r.err().contains("build.run:max<1us"), r.err());
    }

    @Test
    void abortOnThresholdStopsTheRunOnceErrorsCannotRecover() throws Exception {
        Path json = tmp.resolve("abort.json");
        Outcome r = scaletest(tmp, "create-workspaces", "--url", failing.url().toString(), "--token", failing.adminToken(),
                "--template", "kubernetes", "--count", "40", "--concurrency", "1", "--cleanup-concurrency", "0",
                "--progress", "none", "--threshold", "errors<5%", "--abort-on-threshold",
                "--journal-dir", tmp.resolve("j").toString(), "--output", "json:" + json);
        assertEquals(1, r.code(), r.both());
        assertTrue(r.err().contains("Threshold errors<5% can no longer hold"), r.err());
        JsonNode report = JSON.readTree(json.toFile());
        assertEquals(40, report.path("total_fail").asInt());
        long canceled = 0;
        for (JsonNode run : report.path("runs")) {
            if (run.path("error").asText().contains("context canceled")) {
                canceled++;
            }
        }
        assertTrue(canceled >= 20, "most runs were never started: " + canceled + " canceled");
    }

    @Test
    void trafficServesAScrapeWhileRunningAndPushesAtTheEnd() throws Exception {
        List<String> pushes = new CopyOnWriteArrayList<>();
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", exchange -> {
            pushes.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + "\n"
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        gateway.start();
        int port = freePort();
        try (HttpClient http = HttpClient.newHttpClient()) {
            CompletableFuture<Outcome> run = CompletableFuture.supplyAsync(() -> scaletest(tmp, "workspace-traffic",
                    "--embedded", "--count", "3", "--timeout", "4s", "--concurrency", "0", "--progress", "none",
                    "--scaletest-prometheus-address", "127.0.0.1:" + port, "--scaletest-prometheus-wait", "0s",
                    "--prometheus-push-url", "http://127.0.0.1:" + gateway.getAddress().getPort(),
                    "--journal-dir", tmp.resolve("j").toString(), "--output", "json:" + tmp.resolve("traffic.json")));
            String scrape = "";
            while (!run.isDone() && !scrape.contains("scaletest_traffic_echo_rtt")) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    scrape = response.body();
                } catch (IOException notYetListening) {
                    // the command opens the endpoint after its setup
                }
                Thread.sleep(200);
            }
            Outcome outcome = run.get(50, TimeUnit.SECONDS);
            assertEquals(0, outcome.code(), outcome.both());
            assertTrue(scrape.contains("scaletest_traffic_echo_rtt"), "a mid-run scrape has the echo latency:\n" + scrape);
        } finally {
            gateway.stop(0);
        }
        assertEquals(1, pushes.size(), pushes.toString());
        String push = pushes.get(0);
        assertTrue(push.startsWith("PUT /metrics/job/scaletest/instance/"), push.lines().findFirst().orElse(""));
        assertTrue(push.contains("scaletest_traffic_bytes_read"), "the pushed body is the final scrape");
    }

    @Test
    @Timeout(120) // a second JVM starting while the suite loads both cores
    void packagedJarWritesTheHtmlReport() throws Exception {
        Path html = tmp.resolve("jar.html");
        Process p = PackagedJar.command("create-workspaces",
                "--embedded", "--count", "2", "--concurrency", "0", "--cleanup-concurrency", "0", "--progress", "none",
                "--journal-dir", tmp.resolve("j").toString(), "--output", "html:" + html)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("jar.log").toFile()).start();
        if (!p.waitFor(100, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the packaged tool did not finish in 100s");
        }
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("jar.log")));
        String page = Files.readString(html);
        assertTrue(page.contains("uPlot"), "uPlot is inlined from inside the jar");
        assertTrue(page.contains("data-chart=\""), "with charts");
    }

    private static Outcome scaletest(Path home, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        CliEnvironment env = new CliEnvironment(Map.of(), Clock.systemUTC(), home.resolve("home"), false);
        CommandLine commandLine = new ScaletestCommand(new ProductionLauncher(o, e), env).commandLine();
        commandLine.setOut(new PrintWriter(o, true));
        commandLine.setErr(new PrintWriter(e, true));
        int code = commandLine.execute(args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
