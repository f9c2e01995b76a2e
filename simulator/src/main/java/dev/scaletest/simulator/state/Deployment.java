package dev.scaletest.simulator.state;

import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.SimulatorOptions;
import dev.scaletest.simulator.SimulatorStats;
import dev.scaletest.simulator.agent.AgentDirectory;
import dev.scaletest.simulator.agent.AgentTarget;
import dev.scaletest.simulator.wire.ApiException;
import dev.scaletest.simulator.wire.CoderJson;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The simulated deployment: users, the default organization, templates, workspaces, builds,
 * provisioner jobs with their logs, and agents. Every mutation and every JSON view is taken under
 * this object's monitor (short, in-memory sections); timers run on the given scheduler, never on a
 * network event loop.
 */
public final class Deployment implements AgentDirectory {
    public static final UUID ZERO_UUID = new UUID(0, 0);
    private static final TokenLifetimes TOKEN_LIFETIMES = TokenLifetimes.CODERD_DEFAULTS;

    private final SimulatorOptions options;
    private final WireView view;

    private final UserDirectory users;
    private final TokenIssuer tokens;
    // Each owner's live workspaces: workspace creation and user deletion would otherwise scan every
    // workspace under the lock, quadratic over a thousand-workspace run.
    private final Map<UUID, List<WorkspaceState>> liveWorkspacesByOwner = new HashMap<>();
    private final Map<UUID, WorkspaceState> workspaces = new LinkedHashMap<>();
    private final Map<UUID, BuildState> builds = new ConcurrentHashMap<>();
    private final AgentFleet agents;
    private final ProvisionerQueue queue;
    private final UserAccount admin;
    private final String adminToken;
    private final TemplateCatalog catalog;

    public Deployment(SimulatorOptions options, SimulatorStats stats, ScheduledExecutorService scheduler, Supplier<Faults> faults) {
        this(options, stats, scheduler, faults, InstantSource.system());
    }

    /** With the clock API keys expire by (tests move it). */
    public Deployment(SimulatorOptions options, SimulatorStats stats, ScheduledExecutorService scheduler, Supplier<Faults> faults,
                      InstantSource keyClock) {
        ApiKeys apiKeys = new ApiKeys(keyClock);
        this.users = new UserDirectory(apiKeys);
        this.agents = new AgentFleet(this, users, options.agentConnectTime(), stats, scheduler, faults);
        this.tokens = new TokenIssuer(users, apiKeys, TOKEN_LIFETIMES);
        this.queue = new ProvisionerQueue(this, options.provisioners(), options.buildTime(), stats, scheduler, faults,
                this::buildSucceeded);
        this.options = options;
        Instant now = Instant.now();
        this.admin = new UserAccount(UUID.randomUUID(), options.adminUsername(), options.adminEmail(), "Admin",
                options.adminPassword(), now, true);
        users.add(admin);
        this.adminToken = users.newSession(admin.id);
        this.catalog = new TemplateCatalog(options.templateName(), admin, now);
        this.view = new WireView(catalog, queue, users);
    }

    // ---- accessors used by the HTTP layer and tests ----

    public String adminToken() {
        return adminToken;
    }

    public UUID adminId() {
        return admin.id;
    }

    public String adminUsername() {
        return admin.username;
    }

    public UUID organizationId() {
        return catalog.organizationId();
    }

    // ---- users and sessions ----

    public synchronized String login(String email, String password) {
        return users.login(email, password);
    }

    /** The user of a valid (known, unexpired) API key; empty for anything else. Lock-free. */
    @Override
    public Optional<UUID> userForToken(String token) {
        return users.userForToken(token);
    }

    /** When the presented key expired, if it is a known key past its expiry (coderd's 401 says so). Lock-free. */
    public Optional<Instant> expiredAt(String token) {
        return users.expiredAt(token);
    }

    /** Lock-free: asked on every request that carries the rate-limit bypass header. */
    @Override
    public boolean isSiteOwner(UUID userId) {
        return users.isSiteOwner(userId);
    }

    @Override
    public boolean ownerWorkspaceAccessDisabled() {
        return options.accessRules().ownerWorkspaceAccessDisabled();
    }

    @Override
    public boolean pathAppSiteOwnerAccessAllowed() {
        return options.accessRules().pathAppSiteOwnerAccessAllowed();
    }

    /** {@code GET /deployment/config}: the rules in force and coderd's token lifetimes. */
    public CoderJson.DeploymentConfig deploymentConfig() {
        return new CoderJson.DeploymentConfig(new CoderJson.DeploymentValues(ownerWorkspaceAccessDisabled(), false,
                options.appHostWildcard(), new CoderJson.DangerousConfig(false, false, pathAppSiteOwnerAccessAllowed()),
                new CoderJson.SessionLifetime(TOKEN_LIFETIMES.defaultLifetime().toNanos(), TOKEN_LIFETIMES.max().toNanos(),
                        TOKEN_LIFETIMES.maxAdmin().toNanos())));
    }

    public synchronized CoderJson.User user(UUID caller, String ref) {
        return view.user(users.resolve(caller, ref));
    }

    public synchronized CoderJson.GetUsersResponse users(SearchQuery query, int limit, int offset) {
        List<UserAccount> matches = users.search(query);
        return new CoderJson.GetUsersResponse(page(matches, limit, offset).stream().map(view::user).toList(), matches.size());
    }

    public synchronized CoderJson.User createUser(UUID caller, String email, String username, String name,
                                                  String password, String loginType, List<UUID> organizationIds) {
        return view.user(users.create(caller, email, username, name, password, loginType, organizationIds,
                catalog.organizationId()));
    }

    /** Refused with coderd's 417 while the user still owns live workspaces. */
    public synchronized void deleteUser(UUID caller, String ref) {
        UserAccount user = users.deletable(caller, ref);
        int owned = liveWorkspacesByOwner.getOrDefault(user.id, List.of()).size();
        if (owned > 0) {
            throw new ApiException(417, "You cannot delete a user that has workspaces. Delete their " + owned
                    + " workspace(s) and try again.");
        }
        users.remove(user);
    }

    public synchronized CoderJson.User updateRoles(UUID caller, String ref, List<String> roles) {
        return view.user(users.updateRoles(caller, ref, roles));
    }

    // ---- API keys (rules in TokenIssuer) ----

    public synchronized String createToken(UUID caller, String ref, Duration lifetime, String tokenName, List<String> scopes) {
        return tokens.createToken(caller, ref, lifetime, tokenName, scopes);
    }

    public synchronized List<CoderJson.ApiKeyWithOwner> tokens(UUID caller, String ref, boolean includeAll, boolean includeExpired) {
        return tokens.tokens(caller, ref, includeAll, includeExpired);
    }

    public synchronized CoderJson.ApiKey apiKey(UUID caller, String ref, String keyId) {
        return tokens.apiKey(caller, ref, keyId);
    }

    public synchronized void deleteApiKey(UUID caller, String ref, String keyId) {
        tokens.deleteApiKey(caller, ref, keyId);
    }

    public synchronized CoderJson.TokenConfig tokenConfig(UUID caller, String ref) {
        return tokens.tokenConfig(caller, ref);
    }

    // ---- organizations and templates ----

    public synchronized List<CoderJson.Organization> organizationsOf(UUID caller, String userRef) {
        users.resolve(caller, userRef);
        return List.of(view.organization());
    }

    public synchronized CoderJson.Organization organization(String ref) {
        catalog.requireOrganization(ref);
        return view.organization();
    }

    public synchronized List<CoderJson.Template> templates(String organizationRef) {
        catalog.requireOrganization(organizationRef);
        return catalog.all().stream().map(view::template).toList();
    }

    public synchronized CoderJson.Template template(UUID id) {
        return view.template(catalog.require(id));
    }

    public synchronized CoderJson.TemplateVersion templateVersion(UUID versionId) {
        return view.templateVersion(catalog.ofVersion(versionId));
    }

    public synchronized List<CoderJson.TemplateVersionParameter> richParameters(UUID versionId) {
        return catalog.ofVersion(versionId).parameters();
    }

    public synchronized void requireTemplateVersion(UUID versionId) {
        catalog.ofVersion(versionId);
    }

    // ---- dry runs (the plan "coder create" and create-workspaces show before building) ----

    public synchronized CoderJson.ProvisionerJob createDryRun(UUID versionId, String workspaceName) {
        TemplateDefinition template = catalog.ofVersion(versionId);
        return view.dryRunJob(queue.createDryRun(workspaceName), template);
    }

    private JobState dryRunJob(UUID versionId, UUID jobId) {
        catalog.ofVersion(versionId);
        return queue.dryRun(jobId);
    }

    public synchronized CoderJson.ProvisionerJob dryRun(UUID versionId, UUID jobId) {
        return view.dryRunJob(dryRunJob(versionId, jobId), catalog.ofVersion(versionId));
    }

    public synchronized List<CoderJson.WorkspaceResource> dryRunResources(UUID versionId, UUID jobId) {
        return view.dryRunResources(dryRunJob(versionId, jobId));
    }

    public synchronized BuildLogFeed dryRunLogFeed(UUID versionId, UUID jobId) {
        return queue.feed(dryRunJob(versionId, jobId));
    }

    public synchronized CoderJson.MatchedProvisioners matchedProvisioners(UUID versionId, UUID jobId) {
        dryRunJob(versionId, jobId);
        return queue.matchedProvisioners();
    }

    public synchronized void cancelDryRun(UUID versionId, UUID jobId) {
        queue.cancelDryRun(dryRunJob(versionId, jobId));
    }

    // ---- workspaces and builds ----

    public CoderJson.Workspace createWorkspace(UUID caller, String userRef, UUID templateId, UUID versionId, String name,
                                               String autostartSchedule, Long ttlMs, Map<String, String> parameters) {
        CoderJson.Workspace json;
        synchronized (this) {
            UserAccount owner = users.resolve(caller, userRef);
            if (!owner.id.equals(caller) && !isSiteOwner(caller)) {
                throw new ApiException(403, "Forbidden.", "you may only create workspaces for yourself", null);
            }
            TemplateDefinition template = catalog.forNewWorkspace(templateId, versionId);
            if (!NameRule.valid(name)) {
                throw new ApiException(400, "Validation failed.", null, List.of(new CoderJson.ValidationError("name",
                        "Validation failed for tag \"workspace_name\" with value: \"" + (name == null ? "" : name) + "\"")));
            }
            TemplateCatalog.validateParameters(template, parameters, true);
            for (WorkspaceState existing : liveWorkspacesByOwner.getOrDefault(owner.id, List.of())) {
                if (existing.name.equalsIgnoreCase(name)) {
                    throw new ApiException(409, "Workspace \"" + name + "\" already exists.", null,
                            List.of(new CoderJson.ValidationError("name", "This value is already in use and should be unique.")));
                }
            }
            WorkspaceState workspace = new WorkspaceState(UUID.randomUUID(), name, owner, template, Instant.now(), autostartSchedule, ttlMs);
            workspaces.put(workspace.id, workspace);
            liveWorkspacesByOwner.computeIfAbsent(owner.id, id -> new ArrayList<>()).add(workspace);
            enqueueBuild(workspace, "start", caller);
            json = view.workspace(workspace);
        }
        queue.dispatch();
        return json;
    }

    private BuildState enqueueBuild(WorkspaceState workspace, String transition, UUID initiator) {
        BuildState build = new BuildState(UUID.randomUUID(), workspace, workspace.builds.size() + 1, transition, initiator, Instant.now());
        workspace.builds.add(build);
        workspace.updatedAt = build.createdAt;
        builds.put(build.id, build);
        queue.enqueue(build.job);
        return build;
    }

    private WorkspaceState visibleWorkspace(UUID caller, UUID id) {
        WorkspaceState workspace = workspaces.get(id);
        if (workspace == null || !(workspace.owner.id.equals(caller) || isSiteOwner(caller))) {
            throw ApiException.resourceNotFound();
        }
        return workspace;
    }

    public synchronized CoderJson.Workspace workspace(UUID caller, UUID id, boolean includeDeleted) {
        WorkspaceState workspace = visibleWorkspace(caller, id);
        if (workspace.deleted && !includeDeleted) {
            throw new ApiException(410, "Workspace \"" + id + "\" was deleted, you can view this workspace by specifying "
                    + "'?deleted=true' and trying again.");
        }
        return view.workspace(workspace);
    }

    public synchronized CoderJson.WorkspacesResponse workspaces(UUID caller, SearchQuery query, int limit, int offset) {
        String owner = null;
        String name = null;
        String template = null;
        String status = null;
        for (SearchQuery.Term term : query.terms()) {
            String value = term.value().toLowerCase(Locale.ROOT);
            switch (term.key()) {
                case "", "name" -> name = value;
                case "owner" -> owner = value.equals("me") ? users.get(caller).username.toLowerCase(Locale.ROOT) : value;
                case "template" -> template = value;
                case "status" -> status = value;
                default -> throw ApiException.validation("Invalid workspace search query.", term.key(),
                        "Query param \"" + term.key() + "\" is not a valid query param");
            }
        }
        String o = owner;
        String n = name;
        String t = template;
        String s = status;
        boolean siteOwner = isSiteOwner(caller);
        List<WorkspaceState> matches = workspaces.values().stream()
                .filter(w -> !w.deleted)
                .filter(w -> siteOwner || w.owner.id.equals(caller))
                .filter(w -> o == null || w.owner.username.equalsIgnoreCase(o))
                .filter(w -> n == null || w.name.toLowerCase(Locale.ROOT).contains(n))
                .filter(w -> t == null || w.template.name().equalsIgnoreCase(t))
                .filter(w -> s == null || w.latestBuild().status().equals(s))
                .sorted(Comparator.comparing((WorkspaceState w) -> w.owner.username.toLowerCase(Locale.ROOT))
                        .thenComparing(w -> w.name.toLowerCase(Locale.ROOT)))
                .toList();
        return new CoderJson.WorkspacesResponse(page(matches, limit, offset).stream().map(view::workspace).toList(), matches.size());
    }

    public CoderJson.WorkspaceBuild createBuild(UUID caller, UUID workspaceId, String transition, UUID versionId,
                                                Map<String, String> parameters) {
        CoderJson.WorkspaceBuild json;
        synchronized (this) {
            WorkspaceState workspace = visibleWorkspace(caller, workspaceId);
            if (!List.of("start", "stop", "delete").contains(transition)) {
                throw ApiException.validation("Validation failed.", "transition",
                        "Validation failed for tag \"oneof\" with value: \"" + transition + "\"");
            }
            if (versionId != null && !versionId.equals(ZERO_UUID) && !versionId.equals(workspace.template.activeVersionId())) {
                throw ApiException.validation("Template version not found.", "template_version_id",
                        "template version \"" + versionId + "\" does not exist");
            }
            TemplateCatalog.validateParameters(workspace.template, parameters, false);
            if (workspace.deleted) {
                throw new ApiException(410, "Workspace \"" + workspaceId + "\" was deleted.");
            }
            if (workspace.latestBuild().job.active()) {
                throw new ApiException(409, "Workspace build is already active.");
            }
            json = view.build(enqueueBuild(workspace, transition, caller));
        }
        queue.dispatch();
        return json;
    }

    private BuildState visibleBuild(UUID caller, UUID buildId) {
        BuildState build = builds.get(buildId);
        if (build == null) {
            throw ApiException.resourceNotFound();
        }
        visibleWorkspace(caller, build.workspace.id);
        return build;
    }

    public synchronized CoderJson.WorkspaceBuild build(UUID caller, UUID buildId) {
        return view.build(visibleBuild(caller, buildId));
    }

    public void cancelBuild(UUID caller, UUID buildId) {
        JobState job;
        synchronized (this) {
            job = visibleBuild(caller, buildId).job;
            queue.cancel(job, users.get(caller).username);
        }
        queue.afterCancel(job);
    }

    /** The live log view of a build's job, for the build-log stream. */
    public synchronized BuildLogFeed logFeed(UUID caller, UUID buildId) {
        return queue.feed(visibleBuild(caller, buildId).job);
    }

    /** What a succeeded build does to its workspace and agents; under the lock, from the queue's timeline. */
    private void buildSucceeded(BuildState build, Instant now) {
        WorkspaceState workspace = build.workspace;
        agents.disconnectEarlierBuilds(build, now);
        switch (build.transition) {
            case "start" -> agents.start(build, now);
            case "delete" -> {
                workspace.deleted = true;
                workspace.updatedAt = now;
                List<WorkspaceState> owned = liveWorkspacesByOwner.get(workspace.owner.id);
                if (owned != null && owned.remove(workspace) && owned.isEmpty()) {
                    liveWorkspacesByOwner.remove(workspace.owner.id);
                }
            }
            default -> workspace.updatedAt = now;
        }
    }

    // ---- agent directory ----

    /** {@code GET /workspaceagents/{agent}}: see {@link AgentFleet#readable} for who may read it. */
    public synchronized CoderJson.WorkspaceAgent workspaceAgent(UUID caller, UUID agentId) {
        return view.agent(agents.readable(caller, agentId));
    }

    @Override
    public synchronized Optional<AgentTarget> agent(UUID agentId) {
        return agents.target(agentId);
    }

    @Override
    public synchronized Optional<AgentTarget> workspaceAgent(String ownerName, String workspaceName) {
        List<WorkspaceState> matches = workspaces.values().stream()
                .filter(w -> !w.deleted && w.name.equalsIgnoreCase(workspaceName))
                .filter(w -> ownerName == null || w.owner.username.equalsIgnoreCase(ownerName))
                .toList();
        if (matches.size() != 1) {
            return Optional.empty();
        }
        return agents.latestOf(matches.get(0));
    }

    /** The username of a user id, for the app path {@code @me}. */
    public synchronized Optional<String> username(UUID userId) {
        return users.username(userId);
    }

    // ---- stats ----

    public synchronized DeploymentCounts counts() {
        int alive = (int) workspaces.values().stream().filter(w -> !w.deleted).count();
        Map<String, Integer> byStatus = new TreeMap<>();
        for (String status : List.of("pending", "running", "succeeded", "canceling", "canceled", "failed")) {
            byStatus.put(status, 0);
        }
        for (BuildState build : builds.values()) {
            byStatus.merge(build.job.status, 1, Integer::sum);
        }
        return new DeploymentCounts(users.size(), users.scaletestUsers(), alive, builds.size(), Map.copyOf(byStatus),
                agents.connected());
    }

    private static <T> List<T> page(List<T> all, int limit, int offset) {
        if (offset >= all.size()) {
            return List.of();
        }
        int end = limit <= 0 ? all.size() : (int) Math.min(all.size(), (long) offset + limit);
        return all.subList(offset, end);
    }
}
