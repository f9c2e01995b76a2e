package dev.scaletest.simulator;

import java.time.Duration;

/** Simulator options for tests: loopback, free port, fast builds, recording endpoints. */
final class TestServers {
    private TestServers() {
    }

    static SimulatorOptions fast(RecordingEndpoint pty, RecordingEndpoint app) {
        return SimulatorOptions.defaults(pty, app)
                .withBuildTime(Distribution.uniform(Duration.ofMillis(30), Duration.ofMillis(60)))
                .withAgentConnectTime(Distribution.fixed(Duration.ofMillis(20)));
    }

    static SimulatorServer start(SimulatorOptions options) {
        try {
            return new SimulatorServer(options).start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
