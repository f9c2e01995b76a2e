package dev.scaletest.scenarios.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A load test scenario: what it prepares and which phases it runs. Opening the session, running
 * the phases, Ctrl-C, the report and closing are {@link ScenarioRunner}'s.
 */
public interface Scenario {

    /** Where the run's metrics are registered (workspace-traffic exports them to Prometheus). */
    default MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    /**
     * Lookups, pre-created workspaces, transports, registered runs. Nothing of the run has started
     * yet; a problem the user must fix is a {@link dev.scaletest.scenarios.ConfigException}.
     */
    Plan prepare(RunSession session, RunObserver observer) throws Exception;
}
