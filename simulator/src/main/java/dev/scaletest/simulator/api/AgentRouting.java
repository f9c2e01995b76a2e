package dev.scaletest.simulator.api;

import dev.scaletest.simulator.agent.AgentTarget;
import dev.scaletest.simulator.agent.AgentWebSocketEndpoint;
import dev.scaletest.simulator.state.Deployment;
import dev.scaletest.simulator.wire.ApiException;
import java.util.List;
import java.util.UUID;

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

    public AgentRouting(Deployment directory, AgentWebSocketEndpoint ptyEndpoint, AgentWebSocketEndpoint appEndpoint) {
        this.directory = directory;
        this.ptyEndpoint = ptyEndpoint;
        this.appEndpoint = appEndpoint;
    }

    Reply pty(ApiCall call) {
        UUID agentId = call.pathUuid("workspaceagent");
        AgentTarget agent = directory.agent(agentId)
                .orElseThrow(() -> new ApiException(404, "Resource not found or you do not have access to this resource"));
        requireAccess(call.caller(), agent);
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
        requireAccess(caller, agent);
        String slug = segments.get(3);
        if (!agent.appSlugs().contains(slug)) {
            throw new ApiException(404, "Application \"" + slug + "\" not found in workspace \"" + agent.workspaceName() + "\".");
        }
        if (!agent.connected()) {
            throw new ApiException(502, "Agent state is \"" + agent.status() + "\", it must be in the \"connected\" state.");
        }
        return new Reply.TakeOver((ctx, request) -> appEndpoint.accept(ctx, request, agent));
    }

    private void requireAccess(UUID caller, AgentTarget agent) {
        if (!agent.ownerId().equals(caller) && !directory.isSiteOwner(caller)) {
            throw new ApiException(403, "Forbidden.", "only the workspace owner or a site owner may connect to this agent", null);
        }
    }
}
