package dev.scaletest.simulator.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.scaletest.simulator.SimulatorStats;
import dev.scaletest.simulator.state.DeploymentCounts;
import java.util.Map;

/** The body of {@code GET /sim/stats}: deployment contents and traffic counters. */
public record StatsJson(
        @JsonProperty("users_total") int usersTotal,
        @JsonProperty("scaletest_users") int scaletestUsers,
        @JsonProperty("workspaces_alive") int workspacesAlive,
        @JsonProperty("builds_total") int buildsTotal,
        @JsonProperty("builds_by_job_status") Map<String, Integer> buildsByJobStatus,
        @JsonProperty("agents_connected") int agentsConnected,
        @JsonProperty("connections_open") long connectionsOpen,
        @JsonProperty("websockets_open") long webSocketsOpen,
        @JsonProperty("ssh_sessions_open") long sshSessionsOpen,
        @JsonProperty("bytes_received") long bytesReceived,
        @JsonProperty("bytes_echoed") long bytesEchoed,
        @JsonProperty("requests_served") long requestsServed,
        @JsonProperty("faults_injected") long faultsInjected,
        @JsonProperty("streams_dropped") long streamsDropped,
        @JsonProperty("rate_limited_api") long rateLimitedApi,
        @JsonProperty("rate_limited_login") long rateLimitedLogin,
        @JsonProperty("bypass_refused") long bypassRefused,
        @JsonProperty("non_owner_bypass_headers") long nonOwnerBypassHeaders,
        @JsonProperty("owner_access_refused") long ownerAccessRefused,
        @JsonProperty("path_app_owner_refused") long pathAppOwnerRefused) {

    public static StatsJson of(DeploymentCounts counts, SimulatorStats stats) {
        return new StatsJson(counts.usersTotal(), counts.scaletestUsers(), counts.workspacesAlive(), counts.buildsTotal(),
                counts.buildsByJobStatus(), counts.agentsConnected(), stats.connectionsOpen.sum(), stats.webSocketsOpen.sum(),
                stats.sshSessionsOpen.sum(), stats.bytesReceived.sum(), stats.bytesEchoed.sum(), stats.requests.sum(),
                stats.faultsInjected.sum(), stats.streamsDropped.sum(), stats.rateLimitedApi.sum(),
                stats.rateLimitedLogin.sum(), stats.bypassRefused.sum(), stats.nonOwnerBypassHeaders.sum(),
                stats.ownerAccessRefused.sum(), stats.pathAppOwnerRefused.sum());
    }
}
