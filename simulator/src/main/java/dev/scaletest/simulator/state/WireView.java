package dev.scaletest.simulator.state;

import static dev.scaletest.simulator.wire.GoTime.format;

import dev.scaletest.simulator.wire.CoderJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Renders the deployment's entities as coderd's JSON shapes; called under the {@link Deployment} lock. */
final class WireView {
    static final String ORGANIZATION_NAME = "coder";
    private static final String AGENT_VERSION = "v2.24.1";

    private final TemplateCatalog catalog;
    private final ProvisionerQueue queue;
    private final UserDirectory users;

    WireView(TemplateCatalog catalog, ProvisionerQueue queue, UserDirectory users) {
        this.catalog = catalog;
        this.queue = queue;
        this.users = users;
    }

    CoderJson.User user(UserAccount user) {
        List<CoderJson.SlimRole> roles = user.roles.stream()
                .map(role -> new CoderJson.SlimRole(role, UserAccount.displayName(role), ""))
                .toList();
        return new CoderJson.User(user.id.toString(), user.username, user.email, user.name, null,
                format(user.createdAt), format(user.createdAt), format(user.lastSeenAt), "active", "password", "",
                List.of(catalog.organizationId().toString()), roles);
    }

    CoderJson.Organization organization() {
        String created = format(catalog.organizationCreatedAt());
        return new CoderJson.Organization(catalog.organizationId().toString(), ORGANIZATION_NAME, "Coder", "", "",
                created, created, true);
    }

    CoderJson.Template template(TemplateDefinition t) {
        String created = format(t.createdAt());
        return new CoderJson.Template(t.id().toString(), created, created, t.organizationId().toString(),
                ORGANIZATION_NAME, "Coder", "", t.name(), "Kubernetes (Deployment)", "terraform",
                t.activeVersionId().toString(), 0, "Provision Kubernetes Deployments as Coder workspaces", false, "",
                "/icon/k8s.png", 0, 3_600_000, 0, 0, 0, true, true, true, false,
                t.createdBy().toString(), t.createdByName(), false);
    }

    CoderJson.TemplateVersion templateVersion(TemplateDefinition t) {
        String created = format(t.createdAt());
        CoderJson.ProvisionerJob job = new CoderJson.ProvisionerJob(t.importJobId().toString(), created, created, created,
                null, null, "succeeded", null, null, null, Map.of("scope", "organization", "owner", ""), 0, 0,
                t.organizationId().toString(), t.createdBy().toString(),
                new CoderJson.ProvisionerJobInput(t.activeVersionId().toString(), null), "template_version_import",
                new CoderJson.ProvisionerJobMetadata(t.id().toString(), t.name(), "Kubernetes (Deployment)",
                        "/icon/k8s.png", t.versionName(), null, null), false);
        return new CoderJson.TemplateVersion(t.activeVersionId().toString(), t.id().toString(), t.organizationId().toString(),
                t.versionName(), "Initial version", created, created, "", false, false, job,
                new CoderJson.MinimalUser(t.createdBy().toString(), t.createdByName(), "Admin"));
    }

    CoderJson.ProvisionerJob job(JobState job) {
        BuildState build = job.build;
        WorkspaceState workspace = build.workspace;
        TemplateDefinition t = workspace.template;
        int[] position = queue.queuePosition(job);
        return new CoderJson.ProvisionerJob(job.id.toString(), format(job.createdAt), format(job.startedAt),
                format(job.completedAt), format(job.canceledAt), job.error, job.status,
                job.workerId == null ? null : job.workerId.toString(), job.workerName, null,
                Map.of("scope", "organization", "owner", ""), position[0], position[1], t.organizationId().toString(),
                build.initiatorId.toString(), new CoderJson.ProvisionerJobInput(null, build.id.toString()), "workspace_build",
                new CoderJson.ProvisionerJobMetadata(t.id().toString(), t.name(), "Kubernetes (Deployment)", "/icon/k8s.png",
                        t.versionName(), workspace.id.toString(), workspace.name), false);
    }

    CoderJson.WorkspaceBuild build(BuildState build) {
        WorkspaceState workspace = build.workspace;
        List<CoderJson.WorkspaceResource> resources = build.agents.isEmpty() ? List.of() : List.of(resource(build));
        String initiatorName = build.initiatorId.equals(workspace.owner.id) ? workspace.owner.username
                : users.username(build.initiatorId).orElse("");
        return new CoderJson.WorkspaceBuild(build.id.toString(), format(build.createdAt), format(build.updatedAt),
                workspace.id.toString(), workspace.name, workspace.owner.id.toString(), workspace.owner.username, "",
                workspace.template.activeVersionId().toString(), workspace.template.versionName(), build.number,
                build.transition, build.initiatorId.toString(), initiatorName, job(build.job), "initiator", resources,
                null, null, build.status(), 0, false, false);
    }

    private CoderJson.WorkspaceResource resource(BuildState build) {
        return resource(build.resourceId, build.job.completedAt, build.job.id, build.transition, build.agents);
    }

    private CoderJson.WorkspaceResource resource(UUID resourceId, Instant createdAt, UUID jobId,
                                                 String transition, List<AgentState> agents) {
        return new CoderJson.WorkspaceResource(resourceId.toString(), format(createdAt), jobId.toString(), transition,
                TemplateDefinition.RESOURCE_TYPE, TemplateDefinition.RESOURCE_NAME, false, "/icon/k8s.png",
                agents.stream().map(this::agent).toList(), List.of(), 0);
    }

    /** The plan of a dry run: the resource and agent a start build would create, with ids derived from the job. */
    List<CoderJson.WorkspaceResource> dryRunResources(JobState job) {
        UUID resourceId = UUID.nameUUIDFromBytes(("resource:" + job.id).getBytes(StandardCharsets.UTF_8));
        UUID agentId = UUID.nameUUIDFromBytes(("agent:" + job.id).getBytes(StandardCharsets.UTF_8));
        AgentState planned = new AgentState(agentId, TemplateDefinition.AGENT_NAME, resourceId, null, job.createdAt);
        return List.of(resource(resourceId, job.createdAt, job.id, "start", List.of(planned)));
    }

    CoderJson.ProvisionerJob dryRunJob(JobState job, TemplateDefinition t) {
        return new CoderJson.ProvisionerJob(job.id.toString(), format(job.createdAt), format(job.startedAt),
                format(job.completedAt), format(job.canceledAt), job.error, job.status, null, null, null,
                Map.of("scope", "organization", "owner", ""), 0, 0, t.organizationId().toString(), null,
                new CoderJson.ProvisionerJobInput(t.activeVersionId().toString(), null), "template_version_dry_run",
                new CoderJson.ProvisionerJobMetadata(t.id().toString(), t.name(), "Kubernetes (Deployment)", "/icon/k8s.png",
                        t.versionName(), null, null), false);
    }

    CoderJson.WorkspaceAgent agent(AgentState agent) {
        CoderJson.WorkspaceApp app = new CoderJson.WorkspaceApp(agent.appId.toString(), "http://localhost:8080", false,
                TemplateDefinition.APP_SLUG, "Echo", "", "/icon/terminal.svg", false, "", "owner", "disabled", "", false,
                "slim-window", List.of());
        boolean healthy = "connected".equals(agent.status);
        return new CoderJson.WorkspaceAgent(agent.id.toString(), format(agent.createdAt), format(agent.updatedAt),
                format(agent.firstConnectedAt), format(agent.lastConnectedAt), format(agent.disconnectedAt),
                format(agent.startedAt), format(agent.readyAt), agent.status, agent.lifecycle, agent.name,
                agent.resourceId.toString(), "", "amd64", Map.of(), "linux", 0, false, "/home/coder", "/home/coder",
                healthy ? AGENT_VERSION : "", healthy ? "2.4" : "", List.of(app),
                "https://coder.com/docs/admin/templates/troubleshooting", 120, List.of(),
                new CoderJson.WorkspaceAgentHealth(healthy, healthy ? "" : "agent is not connected"),
                List.of("vscode", "web_terminal", "ssh_helper", "port_forwarding_helper"), List.of(), List.of(),
                "non-blocking");
    }

    CoderJson.Workspace workspace(WorkspaceState w) {
        TemplateDefinition t = w.template;
        BuildState latest = w.latestBuild();
        List<String> failing = latest.agents.stream().filter(a -> !"connected".equals(a.status)).map(a -> a.id.toString()).toList();
        return new CoderJson.Workspace(w.id.toString(), format(w.createdAt), format(w.updatedAt), w.owner.id.toString(),
                w.owner.username, "", t.organizationId().toString(), ORGANIZATION_NAME, t.id().toString(), t.name(),
                "Kubernetes (Deployment)", "/icon/k8s.png", true, t.activeVersionId().toString(), false, false,
                build(latest), false, w.name, w.autostartSchedule, w.ttlMs, format(w.updatedAt), null, null,
                new CoderJson.WorkspaceHealth(failing.isEmpty(), failing), "never", true, false, false);
    }

    static CoderJson.ProvisionerJobLog log(JobState.LogLine line) {
        return new CoderJson.ProvisionerJobLog(line.id(), format(line.createdAt()), line.source(), line.level(),
                line.stage(), line.output());
    }
}
