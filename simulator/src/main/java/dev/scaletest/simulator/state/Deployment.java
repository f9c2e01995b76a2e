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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The simulated deployment, as the HTTP layer, the agent endpoints and the tests see it: one
 * facade over the stores that hold its state ({@link UserDirectory}, {@link TokenIssuer},
 * {@link TemplateCatalog}, {@link WorkspaceStore}, {@link ProvisionerQueue}, {@link AgentFleet})
 * and the one lock they share, this object's monitor. Every mutation and every JSON view is taken
 * under it (short, in-memory sections); an operation that spans stores (creating a workspace,
 * deleting a user, what a succeeded build does) is one section, so no one sees it half done. The
 * exceptions are the lock-free reads every request makes ({@link #userForToken},
 * {@link #expiredAt}, {@link #isSiteOwner}). Timers run on the given scheduler, never on a network
 * event loop, and take the same lock.
 */
public final class Deployment implements AgentDirectory {
    public static final UUID ZERO_UUID = new UUID(0, 0);
    private static final TokenLifetimes TOKEN_LIFETIMES = TokenLifetimes.CODERD_DEFAULTS;

    private final SimulatorOptions options;
    private final UserDirectory users;
    private final TokenIssuer tokens;
    private final TemplateCatalog catalog;
    private final WorkspaceStore workspaces;
    private final ProvisionerQueue queue;
    private final AgentFleet agents;
    private final WireView view;
    private final UserAccount admin;
    private final String adminToken;

    public Deployment(SimulatorOptions options, SimulatorStats stats, ScheduledExecutorService scheduler, Supplier<Faults> faults) {
        this(options, stats, scheduler, faults, InstantSource.system());
    }

    /** With the clock API keys expire by (tests move it). */
    public Deployment(SimulatorOptions options, SimulatorStats stats, ScheduledExecutorService scheduler, Supplier<Faults> faults,
                      InstantSource keyClock) {
        this.options = options;
        ApiKeys apiKeys = new ApiKeys(keyClock);
        this.users = new UserDirectory(apiKeys);
        this.tokens = new TokenIssuer(users, apiKeys, TOKEN_LIFETIMES);
        Instant now = Instant.now();
        this.admin = new UserAccount(UUID.randomUUID(), options.adminUsername(), options.adminEmail(), "Admin",
                options.adminPassword(), now, true);
        users.add(admin);
        this.adminToken = users.newSession(admin.id);
        this.catalog = new TemplateCatalog(options.templateName(), admin, now);
        this.workspaces = new WorkspaceStore(users);
        // The stores that run timers lock this object, the one lock; no timer runs before a build is queued.
        this.agents = new AgentFleet(this, users, options.agentConnectTime(), stats, scheduler, faults);
        this.queue = new ProvisionerQueue(this, options.provisioners(), options.buildTime(), stats, scheduler, faults,
                this::buildSucceeded);
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

    // ---- lock-free reads of the request path ----

    /** The user of a valid (known, unexpired) API key; empty for anything else. */
    @Override
    public Optional<UUID> userForToken(String token) {
        return users.userForToken(token);
    }

    /** When the presented key expired, if it is a known key past its expiry (coderd's 401 says so). */
    public Optional<Instant> expiredAt(String token) {
        return users.expiredAt(token);
    }

    /** Asked on every request that carries the rate-limit bypass header. */
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

    // ---- users (rules in UserDirectory) ----

    /**
     * Every password and API key (login sessions and minted tokens) the deployment holds now: what a
     * client must never print, log or report, so a test can search the client's output for each.
     */
    public synchronized List<String> credentials() {
        return users.credentials();
    }

    public synchronized String login(String email, String password) {
        return users.login(email, password);
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
        int owned = workspaces.liveCount(user.id);
        if (owned > 0) {
            throw new ApiException(417, "You cannot delete a user that has workspaces. Delete their " + owned
                    + " workspace(s) and try again.");
        }
        users.remove(user);
    }

    public synchronized CoderJson.User updateRoles(UUID caller, String ref, List<String> roles) {
        return view.user(users.updateRoles(caller, ref, roles));
    }

    /** The username of a user id, for the app path {@code @me}. */
    public synchronized Optional<String> username(UUID userId) {
        return users.username(userId);
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

    // ---- organization and templates (rules in TemplateCatalog) ----

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

    private JobState dryRunJob(UUID versionId, UUID jobId) {
        catalog.ofVersion(versionId);
        return queue.dryRun(jobId);
    }

    // ---- workspaces and builds (rules in WorkspaceStore, jobs in ProvisionerQueue) ----

    public CoderJson.Workspace createWorkspace(UUID caller, String userRef, UUID templateId, UUID versionId, String name,
                                               String autostartSchedule, Long ttlMs, Map<String, String> parameters) {
        CoderJson.Workspace json;
        synchronized (this) {
            UserAccount owner = users.resolve(caller, userRef);
            workspaces.requireMayCreateFor(caller, owner);
            TemplateDefinition template = catalog.forNewWorkspace(templateId, versionId);
            WorkspaceState workspace = workspaces.create(owner, template, name, parameters, autostartSchedule, ttlMs);
            queue.enqueue(workspaces.newBuild(workspace, "start", caller).job);
            json = view.workspace(workspace);
        }
        queue.dispatch();
        return json;
    }

    public synchronized CoderJson.Workspace workspace(UUID caller, UUID id, boolean includeDeleted) {
        return view.workspace(workspaces.readable(caller, id, includeDeleted));
    }

    public synchronized CoderJson.WorkspacesResponse workspaces(UUID caller, SearchQuery query, int limit, int offset) {
        List<WorkspaceState> matches = workspaces.search(caller, query);
        return new CoderJson.WorkspacesResponse(page(matches, limit, offset).stream().map(view::workspace).toList(), matches.size());
    }

    public CoderJson.WorkspaceBuild createBuild(UUID caller, UUID workspaceId, String transition, UUID versionId,
                                                Map<String, String> parameters) {
        CoderJson.WorkspaceBuild json;
        synchronized (this) {
            WorkspaceState workspace = workspaces.buildable(caller, workspaceId, transition, versionId, parameters);
            BuildState build = workspaces.newBuild(workspace, transition, caller);
            queue.enqueue(build.job);
            json = view.build(build);
        }
        queue.dispatch();
        return json;
    }

    public synchronized CoderJson.WorkspaceBuild build(UUID caller, UUID buildId) {
        return view.build(workspaces.visibleBuild(caller, buildId));
    }

    public void cancelBuild(UUID caller, UUID buildId) {
        JobState job;
        synchronized (this) {
            job = workspaces.visibleBuild(caller, buildId).job;
            queue.cancel(job, users.get(caller));
        }
        queue.afterCancel(job);
    }

    /** The live log view of a build's job, for the build-log stream. */
    public synchronized BuildLogFeed logFeed(UUID caller, UUID buildId) {
        return queue.feed(workspaces.visibleBuild(caller, buildId).job);
    }

    /** What a succeeded build does to its workspace and agents; under the lock, from the queue's timeline. */
    private void buildSucceeded(BuildState build, Instant now) {
        agents.disconnectEarlierBuilds(build, now);
        switch (build.transition) {
            case "start" -> agents.start(build, now);
            case "delete" -> workspaces.markDeleted(build.workspace, now);
            default -> build.workspace.updatedAt = now;
        }
    }

    // ---- agents (rules in AgentFleet) ----

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
        return workspaces.liveNamed(ownerName, workspaceName).flatMap(agents::latestOf);
    }

    // ---- stats ----

    public synchronized DeploymentCounts counts() {
        return new DeploymentCounts(users.size(), users.scaletestUsers(), workspaces.alive(), workspaces.buildCount(),
                workspaces.buildsByJobStatus(), agents.connected());
    }

    /** coderd's {@code offset} and {@code limit} over a list's matches; a limit of 0 or less is none. */
    private static <T> List<T> page(List<T> all, int limit, int offset) {
        if (offset >= all.size()) {
            return List.of();
        }
        int end = limit <= 0 ? all.size() : (int) Math.min(all.size(), (long) offset + limit);
        return all.subList(offset, end);
    }
}
