package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code scaletest simulator} in a JVM of its own, as an operator starts it beside a test: the
 * tool under test reaches it only over the network, and what it prints on start (URL, admin
 * token, SSH address) is all the test knows of it. Stopped by {@link #close()}.
 */
final class StandaloneSimulator implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Map<String, String> banner;
    private final HttpClient http = HttpClient.newHttpClient();

    private StandaloneSimulator(Process process, Map<String, String> banner) {
        this.process = process;
        this.banner = banner;
    }

    /**
     * Starts the simulator on free loopback ports with {@code flags}; its stdout goes to
     * {@code <log>.out} and its stderr to {@code log}. The banner is read from the file, not the
     * pipe: a virtual thread blocked reading a process pipe holds its carrier, and a few of them
     * would starve every virtual thread of the tool under test.
     */
    static StandaloneSimulator start(Path log, String... flags) throws IOException, InterruptedException {
        return start(PackagedJar::command, log, flags);
    }

    /** As {@link #start(Path, String...)}, with the tool started by {@code launcher} (e.g. the release archive's). */
    static StandaloneSimulator start(Function<String[], ProcessBuilder> launcher, Path log, String... flags)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("simulator", "--listen", "127.0.0.1:0", "--ssh-listen", "127.0.0.1:0"));
        args.addAll(List.of(flags));
        Path out = log.resolveSibling(log.getFileName() + ".out");
        Process process = launcher.apply(args.toArray(String[]::new))
                .redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Map<String, String> banner = banner(out);
        while (!banner.containsKey("Rules") && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            banner = banner(out);
        }
        if (!banner.containsKey("Rules")) {
            process.destroyForcibly();
            throw new IllegalStateException("the simulator printed no banner within " + START_TIMEOUT + "; see " + log);
        }
        return new StandaloneSimulator(process, banner);
    }

    /** The {@code Name: value} lines printed so far, up to the banner's last one ({@code Rules:}). */
    private static Map<String, String> banner(Path out) throws IOException {
        Map<String, String> banner = new HashMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                banner.put(line.substring(0, colon), line.substring(colon + 2));
            }
            if (banner.containsKey("Rules")) {
                break;
            }
        }
        return banner;
    }

    String url() {
        return banner.get("URL");
    }

    /** With --tls-self-signed: the file of the authority to trust. */
    String tlsCaFile() {
        return banner.get("TLS CA file");
    }

    String adminToken() {
        return banner.get("Admin token");
    }

    int sshPort() {
        String ssh = banner.get("SSH");
        return Integer.parseInt(ssh.substring(ssh.lastIndexOf(':') + 1));
    }

    /** {@code GET /sim/stats}: what the deployment holds and what it refused. */
    JsonNode stats() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(banner.get("Stats"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() == 200, "GET /sim/stats answered " + response.statusCode());
        return new ObjectMapper().readTree(response.body());
    }

    /**
     * {@code GET /api/v2<path>} as the site owner, which must answer 200. Sent again after a 429 or
     * 5xx, which the simulator's fault flags inject into the test's own calls too.
     */
    JsonNode api(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            response = http.send(HttpRequest.newBuilder(URI.create(url() + "/api/v2" + path))
                    .header("Coder-Session-Token", adminToken()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 429 && response.statusCode() < 500) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(response.statusCode() == 200, "GET /api/v2" + path + " answered " + response.statusCode() + ": " + response.body());
        return new ObjectMapper().readTree(response.body());
    }

    /** The simulator dies at once, as a crashed or killed deployment does: open connections are reset. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        http.close();
    }
}
