package dev.scaletest.simulator.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.SimulatorStats;
import dev.scaletest.simulator.agent.AgentTarget;
import dev.scaletest.simulator.terminal.AgentHttpServer;
import dev.scaletest.simulator.terminal.InMemoryAgents;
import dev.scaletest.simulator.terminal.RecordingClient;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AppEchoEndpointTest {
    private final SimulatorStats stats = new SimulatorStats();
    private final InMemoryAgents agents = new InMemoryAgents();
    private final AgentTarget agent = agents.addWorkspace("alice", UUID.randomUUID(), "ws1", "connected");

    @Test
    void echoesBinaryAndTextMessagesAndClosesNormally() throws Exception {
        try (AppEchoEndpoint endpoint = new AppEchoEndpoint(Faults.none(), System.nanoTime(), stats);
                AgentHttpServer server = new AgentHttpServer(agents, Map.of("app", endpoint));
                RecordingClient client = RecordingClient.connect(server.uri("app", agent.agentId(), ""))) {
            String payload = "x".repeat(1024);
            client.sendBinary(payload);
            client.sendBinary("tail\n");
            assertEquals(payload + "tail\n", client.awaitOutput(out -> out.length() >= 1029));
            client.sendText("hello");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!client.textOutput().equals("hello") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals("hello", client.textOutput());
            assertEquals(1034, stats.bytesReceived.sum());
            assertEquals(1034, stats.bytesEchoed.sum());
            assertEquals(1, stats.webSocketsOpen.sum());
            client.closeNormally();
            assertEquals(1000, client.awaitClose());
        }
    }
}
