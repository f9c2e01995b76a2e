package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judge: a real coderd (Coder's published image, its Postgres, Docker workspaces), with its
 * production rate limits. The site owner and a Docker template are set up as an operator would;
 * then create-workspaces, workspace-traffic and cleanup run as in the nightly job, and coderd and
 * the Docker host are asked what is left. A client that sent the rate-limit bypass header on a
 * user's requests would get coderd's 428 and fail here, where the simulator only models it.
 *
 * <p>Nightly only ({@code SCALETEST_REAL_CODERD=1}); it skips, saying so, where no registry can be
 * reached or no Docker daemon answers.
 */
class RealCoderdE2ETest {
    private static final int WORKSPACES = 3;
    private static final String TEMPLATE = "docker";

    @TempDir
    Path work;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void createTrafficAndCleanupAgainstARealCoderd() throws Exception {
        RealCoderd.assumeRunnable();
        try (RealCoderd coderd = RealCoderd.start()) {
            FirstUserAndTemplate setup = FirstUserAndTemplate.create(coderd.url(), TEMPLATE, Map.of(
                    "docker_network", coderd.networkName(), "workspace_image", RealCoderd.WORKSPACE.name().asCanonicalNameString()));

            Path create = work.resolve("create.json");
            ScaletestProcess created = scaletest(coderd, setup, "create-workspaces", "--template", TEMPLATE,
                    "--count", String.valueOf(WORKSPACES), "--concurrency", "0", "--no-cleanup", "--output", "json:" + create);
            assertEquals(WORKSPACES, ScaletestProcess.json(create).path("total_pass").asInt(), () -> created.diagnostics() + coderdLog(coderd));

            Path traffic = work.resolve("traffic.json");
            ScaletestProcess moved = scaletest(coderd, setup, "workspace-traffic", "--timeout", "15s", "--concurrency", "0",
                    "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s", "--output", "json:" + traffic);
            JsonNode volume = ScaletestProcess.json(traffic).path("traffic");
            assertEquals(WORKSPACES, volume.path("streams").asInt(), moved.diagnostics());
            assertTrue(volume.path("bytes_read").asLong() > 0, volume.toString());
            assertTrue(volume.path("delivery_ratio").asDouble() >= 0.99, volume.toString());

            measureTheProxyCommand(coderd, setup);

            scaletest(coderd, setup, "cleanup", "--cleanup-concurrency", "0");
            assertEquals(0, owner(coderd, setup, "/api/v2/workspaces?q=" + query("name:\"scaletest-\"")).path("count").asInt(),
                    () -> "workspaces left on coderd" + coderdLog(coderd));
            JsonNode users = owner(coderd, setup, "/api/v2/users?q=" + query("scaletest-")).path("users");
            List<String> left = new ArrayList<>();
            users.forEach(u -> left.add(u.path("username").asText()));
            assertTrue(left.stream().noneMatch(u -> u.startsWith("scaletest-")), "users left on coderd: " + left);
            assertEquals(List.of(), coderd.workspaceContainers(), "workspace containers left on the Docker host");
        }
    }

    /**
     * SSH through {@code coder ssh --stdio}, the route a real deployment takes, with each stream's
     * {@code coder} process measured from /proc: what the README's sizing rule for the proxy-command
     * route needs and what no other run can give (there is no {@code coder} binary elsewhere). The
     * command runs inside the coderd container, where coderd answers on 127.0.0.1 and its access URL
     * resolves. The figures go to {@code target/real-coderd/proxy-cost.md}, which the nightly keeps.
     */
    private void measureTheProxyCommand(RealCoderd coderd, FirstUserAndTemplate setup) throws IOException {
        // The site owner's token: scaletest hands a token to the command only when it acts as another user.
        String proxy = "docker exec -i -e CODER_SESSION_TOKEN=" + setup.sessionToken() + " -e CODER_URL=http://127.0.0.1:7080 "
                + coderd.containerId() + " /opt/coder ssh --stdio {owner}/{workspace}";
        Path report = work.resolve("ssh-proxy.json");
        ProxyProcessCost.Cost cost;
        try (ProxyProcessCost watch = ProxyProcessCost.watch("ssh --stdio")) {
            ScaletestProcess moved = scaletest(coderd, setup, "workspace-traffic", "--ssh", "--ssh-proxy-command", proxy,
                    "--timeout", "40s", "--concurrency", "0", "--bytes-per-tick", "4096", "--tick-interval", "100ms",
                    "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s",
                    "--output", "json:" + report);
            cost = watch.cost();
            JsonNode volume = ScaletestProcess.json(report).path("traffic");
            assertEquals(WORKSPACES, volume.path("streams").asInt(), moved.diagnostics());
            assertTrue(volume.path("delivery_ratio").asDouble() >= 0.99, volume.toString());
        }
        assertTrue(cost.processes() >= WORKSPACES, "coder ssh --stdio processes seen: " + cost);
        Path out = Path.of("target", "real-coderd", "proxy-cost.md");
        Files.createDirectories(out.getParent());
        String table = "| proxy command (" + RealCoderd.CODER.name().asCanonicalNameString() + ") | processes | CPU µs per stream-s"
                + " | RSS MiB each |\n|---|---:|---:|---:|\n" + cost.markdownRow("coder ssh --stdio, 4096 B per 100 ms") + "\n";
        Files.writeString(out, table);
        System.out.println(table);
    }

    /** One scaletest command against the real coderd, in this JVM; it must exit 0. */
    private ScaletestProcess scaletest(RealCoderd coderd, FirstUserAndTemplate setup, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", coderd.url().toString(), "--token", setup.sessionToken(), "--progress", "none",
                "--journal-dir", work.resolve("journal").toString()));
        ScaletestProcess process = new ScaletestProcess(work);
        int exit = process.run(all.toArray(String[]::new));
        assertEquals(0, exit, () -> args[0] + ": " + process.diagnostics() + coderdLog(coderd));
        return process;
    }

    private static JsonNode owner(RealCoderd coderd, FirstUserAndTemplate setup, String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(coderd.url() + path))
                    .header("Coder-Session-Token", setup.sessionToken()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), path + ": " + response.body());
            return new ObjectMapper().readTree(response.body());
        }
    }

    private static String query(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8);
    }

    private static String coderdLog(RealCoderd coderd) {
        String log = coderd.logs();
        return "\ncoderd's log (its end):\n" + (log.length() <= 8000 ? log : log.substring(log.length() - 8000));
    }
}
