package dev.scaletest.simulator.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.SimulatorStats;
import dev.scaletest.simulator.agent.AgentTarget;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StreamFaultsTest {
    private static final String DD_NULL = "dd%20if=/dev/stdin%20of=/dev/null%20bs=64%20status=none";

    private final SimulatorStats stats = new SimulatorStats();
    private final InMemoryAgents agents = new InMemoryAgents();
    private final AgentTarget agent = agents.addWorkspace("alice", UUID.randomUUID(), "ws1", "connected");

    private static Faults faults(double webSocketDropRate, Duration stallAt, Duration stallFor) {
        return new Faults(Map.of(), 0, 0, Duration.ofSeconds(1), 0, false, webSocketDropRate, 0, stallAt, stallFor);
    }

    @Test
    void dropRateOneCutsTheStreamWithoutACloseFrameWithinTwoSeconds() throws Exception {
        try (ReconnectingPtyEndpoint endpoint = new ReconnectingPtyEndpoint(
                        TerminalOptions.defaults(), faults(1.0, Duration.ZERO, Duration.ZERO), System.nanoTime(), stats);
                AgentHttpServer server = new AgentHttpServer(agents, Map.of("pty", endpoint));
                RecordingClient client = RecordingClient.connect(server.uri("pty", agent.agentId(),
                        "reconnect=" + UUID.randomUUID() + "&command=" + DD_NULL))) {
            long start = System.nanoTime();
            assertEquals(-1, client.awaitClose());
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis < 3000, "dropped after " + elapsedMillis + " ms");
            assertEquals(1, stats.streamsDropped.sum());
            // The process survives a dropped connection, as a real reconnecting PTY does.
            assertEquals(1, endpoint.sessionCount());
        }
    }

    @Test
    void stallHoldsTheEchoUntilTheWindowCloses() throws Exception {
        long start = System.nanoTime();
        Duration stallAt = Duration.ofMillis(700);
        Duration stallFor = Duration.ofMillis(1200);
        try (ReconnectingPtyEndpoint endpoint = new ReconnectingPtyEndpoint(
                        TerminalOptions.defaults(), faults(0, stallAt, stallFor), start, stats);
                AgentHttpServer server = new AgentHttpServer(agents, Map.of("pty", endpoint));
                RecordingClient client = RecordingClient.connect(server.uri("pty", agent.agentId(),
                        "reconnect=" + UUID.randomUUID() + "&command=" + DD_NULL))) {
            client.sendBinary("{\"data\":\"before\"}\n");
            client.awaitOutput(out -> out.equals("before"));
            long stallStart = start + stallAt.toNanos();
            while (System.nanoTime() < stallStart + 100_000_000L) {
                Thread.sleep(20);
            }
            long sent = System.nanoTime();
            client.sendBinary("{\"data\":\"during\"}\n");
            client.awaitOutput(out -> out.equals("beforeduring"));
            long echoed = System.nanoTime();
            long stallEnd = stallStart + stallFor.toNanos();
            assertTrue(echoed >= stallEnd, "echo arrived " + (stallEnd - echoed) / 1_000_000 + " ms before the stall ended");
            assertTrue(echoed - sent >= 800_000_000L, "echo delayed only " + (echoed - sent) / 1_000_000 + " ms");
        }
    }
}
