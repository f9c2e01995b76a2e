package dev.scaletest.simulator.state;

import java.util.Map;

/** What the deployment holds at one moment, for {@code /sim/stats}. */
public record DeploymentCounts(
        int usersTotal,
        int scaletestUsers,
        int workspacesAlive,
        int buildsTotal,
        Map<String, Integer> buildsByJobStatus,
        int agentsConnected) {
}
