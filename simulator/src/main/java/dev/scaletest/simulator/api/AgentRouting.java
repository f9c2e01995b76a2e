package dev.scaletest.simulator.api;

import dev.scaletest.simulator.SimulatorStats;
import dev.scaletest.simulator.agent.AgentTarget;
import dev.scaletest.simulator.agent.ConnectAccess;
import dev.scaletest.simulator.agent.AgentWebSocketEndpoint;
import dev.scaletest.simulator.state.Deployment;
import dev.scaletest.simulator.wire.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The checks coderd makes before a web terminal or app connection reaches an agent, then the
 * hand-over to the endpoint that serves the stream.
 */
public final class AgentRouting {
    /** Route name of app paths in latency faults. */
    public static final String APP_ROUTE = "GET /@{user}/{workspace_and_agent}/apps/{app}";

    private final Deployment directory;
    private final AgentWebSocketEndpoint ptyEndpoint;
    private final AgentWebSocketEndpoint appEndpoint;
    private final Supplier<String> dashboardUrl;
    private final SimulatorStats stats;

    /** @param dashboardUrl the deployment's URL, linked from the HTML error page */
    public AgentRouting(Deployment directory, AgentWebSocketEndpoint ptyEndpoint, AgentWebSocketEndpoint appEndpoint,
                        Supplier<String> dashboardUrl, SimulatorStats stats) {
        this.directory = directory;
        this.ptyEndpoint = ptyEndpoint;
        this.appEndpoint = appEndpoint;
        this.dashboardUrl = dashboardUrl;
        this.stats = stats;
    }

    /**
     * The web terminal, in coderd's order (workspaceapps' token issuing): the agent is looked up
     * first (unknown: the HTML 404 page), then the API key, which is optional on this route (none:
     * a JSON 404, since a WebSocket cannot follow a login redirect), then the permission to connect
     * (refused: the HTML 404 page again).
     */
    Reply pty(ApiCall call) {
        UUID agentId = call.pathUuid("workspaceagent");
        Optional<AgentTarget> found = directory.agent(agentId);
        if (found.isEmpty()) {
            return AppErrorPage.notFound(dashboardUrl.get());
        }
        AgentTarget agent = found.get();
        if (call.caller() == null) {
            throw ApiException.resourceNotFound();
        }
        Reply refused = refuseConnect(call.caller(), agent);
        if (refused != null) {
            return refused;
        }
        if (!agent.connected()) {
            throw new ApiException(428, "Agent state is \"" + agent.status() + "\", it must be in the \"connected\" state.");
        }
        String reconnect = call.query("reconnect", "");
        try {
            UUID.fromString(reconnect);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "Query param \"reconnect\" must be a valid UUID.", e.getMessage(), null);
        }
        return new Reply.TakeOver((ctx, request) -> ptyEndpoint.accept(ctx, request, agent));
    }

    /**
     * An app path {@code /@owner/workspace[.agent]/apps/slug/...}; {@code segments} are the path
     * segments after {@code /@}, {@code rawPath} the request path without query.
     */
    Reply app(UUID caller, String rawPath, String rawQuery, List<String> segments) {
        if (segments.size() < 4 || !"apps".equals(segments.get(2)) || segments.get(3).isEmpty()) {
            throw new ApiException(404, "Route not found.");
        }
        if (segments.size() == 4 && !rawPath.endsWith("/")) {
            return new Reply.Redirect(307, rawPath + "/" + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
        }
        String owner = segments.get(0);
        String workspaceAndAgent = segments.get(1);
        String workspaceName = workspaceAndAgent;
        String agentName = null;
        int dot = workspaceAndAgent.indexOf('.');
        if (dot >= 0) {
            workspaceName = workspaceAndAgent.substring(0, dot);
            agentName = workspaceAndAgent.substring(dot + 1);
        }
        String ownerName = "me".equalsIgnoreCase(owner) ? directory.username(caller).orElse("") : owner;
        AgentTarget agent = directory.workspaceAgent(ownerName, workspaceName)
                .orElseThrow(() -> new ApiException(404, "Workspace \"" + workspaceAndAgent + "\" not found or has no agent."));
        if (agentName != null && !agentName.equalsIgnoreCase(agent.agentName())) {
            throw new ApiException(404, "Agent \"" + agentName + "\" not found in workspace \"" + agent.workspaceName() + "\".");
        }
        String slug = segments.get(3);
        if (!agent.appSlugs().contains(slug)) {
            throw new ApiException(404, "Application \"" + slug + "\" not found in workspace \"" + agent.workspaceName() + "\".");
        }
        // As coderd: the app is looked up first, then the caller's access to it is decided.
        Reply refused = refuse(caller, agent, directory.pathAppAccess(caller, agent));
        if (refused != null) {
            return refused;
        }
        if (!agent.connected()) {
            throw new ApiException(502, "Agent state is \"" + agent.status() + "\", it must be in the \"connected\" state.");
        }
        return new Reply.TakeOver((ctx, request) -> appEndpoint.accept(ctx, request, agent));
    }

    /**
     * Null when the caller may connect; else coderd's answer to a signed-in caller without the
     * permission: the HTML 404 page, which does not tell a refusal from a missing workspace.
     */
    private Reply refuseConnect(UUID caller, AgentTarget agent) {
        return refuse(caller, agent, directory.connectAccess(caller, agent));
    }

    /**
     * Null when {@code access} is granted; else the HTML 404 page. A site owner refused by the
     * path-app rule also gets coderd's warning naming the flag that would let them in; nobody else
     * sees it.
     */
    private Reply refuse(UUID caller, AgentTarget agent, ConnectAccess access) {
        if (access.granted()) {
            return null;
        }
        List<String> warnings = List.of();
        switch (access) {
            case OWNER_ACCESS_DISABLED -> stats.ownerAccessRefused.increment();
            case PATH_APP_OWNER_ONLY -> {
                if (directory.isSiteOwner(caller)) {
                    stats.pathAppOwnerRefused.increment();
                    warnings = List.of(AppErrorPage.PATH_APP_SITE_OWNER_WARNING);
                }
            }
            default -> {
                // a member on someone else's workspace: the plain page
            }
        }
        return AppErrorPage.notFound(dashboardUrl.get(), warnings);
    }
}
