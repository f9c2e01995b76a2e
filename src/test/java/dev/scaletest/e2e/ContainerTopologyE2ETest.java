package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A pod against a staging deployment, in two containers of the tool's image on one Docker network,
 * both started through Testcontainers: one runs {@code scaletest simulator} (coderd's production
 * rate limits on), the other the tool with {@code CODER_URL} and {@code CODER_SESSION_TOKEN} as
 * the Kubernetes Job passes them. Create, traffic and cleanup cross the network; the JSON reports
 * are copied out of the tool's container, and the simulator is asked what it holds at the end.
 */
class ContainerTopologyE2ETest {
    private static final int WORKSPACES = 10;
    private static final Pattern ADMIN_TOKEN = Pattern.compile("(?m)^Admin token: (\\S+)$");
    // One shell for the three commands, so the journal in /results/scaletest-runs/ carries from one to the next.
    private static final String JOB = String.join(" && ", "set -e",
            "scaletest create-workspaces --template kubernetes --count " + WORKSPACES
                    + " --concurrency 0 --no-cleanup --progress none --output json:create.json",
            "scaletest workspace-traffic --timeout 5s --concurrency 0 --progress none"
                    + " --scaletest-prometheus-address 127.0.0.1:0 --scaletest-prometheus-wait 0s --output json:traffic.json",
            "scaletest cleanup --cleanup-concurrency 0 --progress none");

    @TempDir
    Path work;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void createTrafficAndCleanupAcrossADockerNetwork() throws Exception {
        DockerImageName image = DockerImageName.parse(ScaletestImage.build());
        try (Network network = Network.newNetwork();
                GenericContainer<?> coderd = new GenericContainer<>(image)
                        .withNetwork(network).withNetworkAliases("coderd")
                        .withCommand("simulator", "--listen", "0.0.0.0:3000", "--ssh-listen", "0.0.0.0:2222",
                                "--api-rate-limit", "512", "--login-rate-limit", "60",
                                "--provisioners", "16", "--build-time", "20ms..60ms", "--agent-connect-time", "20ms..60ms")
                        .withExposedPorts(3000)
                        .waitingFor(Wait.forLogMessage("Rules: .*\\n", 1).withStartupTimeout(Duration.ofMinutes(1)))) {
            coderd.start();
            Matcher token = ADMIN_TOKEN.matcher(coderd.getLogs());
            assertTrue(token.find(), coderd.getLogs());

            try (GenericContainer<?> pod = new GenericContainer<>(image)
                    .withNetwork(network)
                    .withEnv("CODER_URL", "http://coderd:3000")
                    .withEnv("CODER_SESSION_TOKEN", token.group(1))
                    .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sh"))
                    .withCommand("-c", JOB)
                    .withStartupCheckStrategy(new RunsToItsEnd().withTimeout(Duration.ofMinutes(4)))) {
                pod.start();
                InspectContainerResponse.ContainerState state = pod.getCurrentContainerInfo().getState();
                String logs = pod.getLogs();
                assertEquals(0L, state.getExitCodeLong(), logs);

                pod.copyFileFromContainer("/results/create.json", work.resolve("create.json").toString());
                pod.copyFileFromContainer("/results/traffic.json", work.resolve("traffic.json").toString());
                JsonNode create = ScaletestProcess.json(work.resolve("create.json"));
                assertEquals(WORKSPACES, create.path("total_pass").asInt(), create.toString());
                JsonNode traffic = ScaletestProcess.json(work.resolve("traffic.json"));
                JsonNode volume = traffic.path("traffic");
                assertEquals(WORKSPACES, volume.path("streams").asInt(), volume.toString());
                assertTrue(volume.path("bytes_read").asLong() > 0, volume.toString());
                assertTrue(volume.path("delivery_ratio").asDouble() >= 0.99, volume.toString());

                JsonNode stats = stats(coderd);
                assertEquals(0, stats.path("scaletest_users").asInt(), "users left: " + stats + "\n" + logs);
                assertEquals(0, stats.path("workspaces_alive").asInt(), "workspaces left: " + stats + "\n" + logs);
                // Bytes still in flight when traffic stopped were echoed but never read back.
                assertTrue(stats.path("bytes_echoed").asLong() >= volume.path("bytes_read").asLong(),
                        "the simulator echoed what the report read back: " + stats + "\n" + volume);
                assertEquals(0, stats.path("non_owner_bypass_headers").asLong(), stats.toString());
            }
        }
    }

    /** {@code GET /sim/stats} through the port Docker publishes on loopback. */
    private static JsonNode stats(GenericContainer<?> coderd) throws Exception {
        URI uri = URI.create("http://" + coderd.getHost() + ":" + coderd.getMappedPort(3000) + "/sim/stats");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return new ObjectMapper().readTree(response.body());
        }
    }

    /** Started once the container has exited, whatever its code: the test reads the code and the logs itself. */
    private static final class RunsToItsEnd extends StartupCheckStrategy {
        @Override
        public StartupStatus checkStartupState(DockerClient docker, String containerId) {
            InspectContainerResponse.ContainerState state = getCurrentState(docker, containerId);
            return Boolean.TRUE.equals(state.getRunning()) ? StartupStatus.NOT_YET_KNOWN : StartupStatus.SUCCESSFUL;
        }
    }
}
