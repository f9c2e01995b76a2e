package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.coder.CoderHttpClients;
import dev.scaletest.coder.TlsTrust;
import dev.scaletest.scenarios.run.WorkspacePrecreation;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.simulator.ssh.SshOptions;
import dev.scaletest.simulator.terminal.TerminalOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator cuts web terminal connections at random (TCP closed, no close frame: close code
 * 1006 for the client). With either WebSocket client every stream re-attaches to its terminal with
 * the same reconnect id, the report counts the reconnects, and the traffic still gets through.
 */
class WorkspaceTrafficReconnectE2ETest {
    private static final int STREAMS = 5;
    /** Per connection per second: about 8 cuts over 5 streams x 8 s. */
    private static final Faults DROPS = new Faults(Map.of(), 0, 0, Duration.ofSeconds(1), 0, false, 0.2, 0,
            Duration.ZERO, Duration.ZERO);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "--ws-client {0}")
    @ValueSource(strings = {"netty", "java-websocket"})
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void droppedTerminalsReconnectAndKeepDelivering(String client) throws Exception {
        Path report = dir.resolve("drops.json");
        ScaletestProcess scaletest = new ScaletestProcess(dir);
        long dropped;
        int exit;
        try (Simulator simulator = Simulator.start(DROPS, UnaryOperator.identity(), TerminalOptions.defaults(), SshOptions.defaults());
                CoderHttpClients http = CoderHttpClients.create(TlsTrust.VERIFY)) {
            CoderClient admin = http.clientFor(new CoderEndpoint(simulator.url(), simulator.adminToken(), List.of(), false)).build();
            new WorkspacePrecreation(admin, admin.me(), Duration.ofSeconds(30)).create(simulator.templateName(), STREAMS);
            exit = scaletest.run("workspace-traffic", "--url", simulator.url().toString(), "--token", simulator.adminToken(),
                    "--ws-client", client, "--timeout", "8s", "--progress", "none",
                    "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s",
                    "--journal-dir", dir.resolve("journal").toString(), "--output", "json:" + report, "--output", "text:" + dir.resolve("drops.txt"));
            dropped = simulator.stats().streamsDropped.sum();
        }
        JsonNode traffic = ScaletestProcess.json(report).path("traffic");
        String context = "exit " + exit + ", simulator dropped " + dropped + ": " + traffic + "\n" + scaletest.diagnostics()
                + "\nresults:\n" + java.nio.file.Files.readString(dir.resolve("drops.txt"));
        assertTrue(dropped >= 1, context);
        assertTrue(traffic.path("reconnects").asLong() >= 1, context);
        assertTrue(traffic.path("delivery_ratio").asDouble() >= 0.8, context);
        assertEquals(0, exit, "a lost connection alone fails no run: " + context);
    }
}
