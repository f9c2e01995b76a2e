package dev.scaletest.scenarios.createworkspaces;

import dev.scaletest.scenarios.cleanup.WorkspaceDeletion;
import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.model.CreateUserRequest;
import dev.scaletest.coder.model.CreateWorkspaceBuildRequest;
import dev.scaletest.coder.model.CreateWorkspaceRequest;
import dev.scaletest.coder.model.Template;
import dev.scaletest.coder.model.User;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.coder.model.WorkspaceAgent;
import dev.scaletest.coder.model.WorkspaceBuild;
import dev.scaletest.coder.model.WorkspaceBuildParameter;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.harness.Cleanable;
import dev.scaletest.harness.GeneratedUser;
import dev.scaletest.harness.NameGenerator;
import dev.scaletest.harness.RunContext;
import dev.scaletest.harness.RunLog;
import dev.scaletest.harness.Runner;
import dev.scaletest.journal.ResourceKind;
import dev.scaletest.journal.RunJournal;
import dev.scaletest.metrics.OperationMetrics;
import dev.scaletest.reports.MetricNames;
import dev.scaletest.scenarios.BuildWaiter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One {@code workspacebuild/<i>} run: a user (unless the caller's login is used), one workspace,
 * its build and agents awaited; its cleanup removes both again.
 *
 * <p>Two identities, as in Coder's tool: the owner's runner client creates and deletes the user
 * (with the rate-limit bypass); everything the user does (login, workspace, build, logs, agents,
 * {@code --run-command}, deleting the workspace) goes out on the user's own client, which never
 * carries the bypass. With {@code --use-host-login} the caller is the user.
 */
final class WorkspaceBuildRun implements Runner, Cleanable {
    private static final Duration POLL = Duration.ofSeconds(1);

    private final CreateWorkspacesConfig config;
    private final CoderClient runner;
    private final User me;
    private final Template template;
    private final List<WorkspaceBuildParameter> parameters;
    private final NameGenerator names;
    private final RunJournal journal;
    private final OperationMetrics metrics;
    private final Optional<CommandRun> command;
    private final BuildWaiter builds;
    private final WorkspaceDeletion deletion;

    private volatile User user;
    private volatile CoderClient userClient;
    private volatile Workspace workspace;
    /** Names journaled as intended: a create whose answer never came may still have made them. */
    private volatile String intendedUsername;
    private volatile String intendedWorkspace;
    private volatile boolean ready;

    /** @param runner the site owner's client for this run, with the rate-limit bypass */
    WorkspaceBuildRun(CreateWorkspacesConfig config, CoderClient runner, User me, Template template,
            List<WorkspaceBuildParameter> parameters, NameGenerator names, RunJournal journal, OperationMetrics metrics,
            Optional<CommandRun> command, BuildWaiter builds, WorkspaceDeletion deletion) {
        this.builds = builds;
        this.deletion = deletion;
        this.command = command;
        this.config = config;
        this.runner = runner;
        this.me = me;
        this.template = template;
        this.parameters = parameters;
        this.names = names;
        this.journal = journal;
        this.metrics = metrics;
    }

    @Override
    public void run(RunContext context) throws Exception {
        RunLog log = context.log();
        String run = context.fullId();
        CoderClient client = runner;
        UUID owner = me.id();
        if (!config.useHostLogin()) {
            GeneratedUser generated = names.user(context.id());
            log.println("Creating user:");
            log.println("\tOrg ID:   " + template.organizationId());
            log.println("\tUsername: " + generated.username());
            log.println("\tEmail:    " + generated.email());
            journal.userIntent(run, generated.username(), generated.email());
            intendedUsername = generated.username();
            long start = System.nanoTime();
            User created = runner.createUser(CreateUserRequest.passwordUser(generated.email(), generated.username(),
                    generated.password().reveal(), template.organizationId()));
            metrics.latency("user.create").recordNanos(System.nanoTime() - start);
            user = created;
            journal.created(ResourceKind.USER, created.username(), created.id().toString(), run);
            log.println("Logging in as new user...");
            start = System.nanoTime();
            String token = runner.login(generated.email(), generated.password().reveal()).sessionToken();
            metrics.latency("user.login").recordNanos(System.nanoTime() - start);
            client = runner.asUser(token);
            owner = created.id();
        }
        userClient = client;
        String name = names.workspaceName(context.id());
        String ownerName = user != null ? user.username() : me.username();
        log.println("Creating workspace...");
        journal.workspaceIntent(run, name, ownerName);
        intendedWorkspace = name;
        long start = System.nanoTime();
        Workspace ws = client.createWorkspace(template.organizationId(), owner,
                CreateWorkspaceRequest.forTemplate(template.id(), name, parameters));
        metrics.latency("workspace.create").recordNanos(System.nanoTime() - start);
        workspace = ws;
        journal.created(ResourceKind.WORKSPACE, ws.name(), ws.id().toString(), run);
        metrics.counter(MetricNames.WORKSPACES_CREATED).increment();
        log.println("Workspace " + ws.name() + " (" + ws.id() + ") created");

        WorkspaceBuild build = builds.await(client, ws.latestBuild(), log);
        for (int attempt = 0; !build.job().succeeded() && attempt < config.retry(); attempt++) {
            log.println("Build failed: " + build.job().errorText() + "; retrying (" + (attempt + 1) + "/" + config.retry() + ")");
            build = builds.await(client, client.createBuild(ws.id(), CreateWorkspaceBuildRequest.start(parameters), build), log);
        }
        if (!build.job().succeeded()) {
            throw new IllegalStateException("workspace " + ws.name() + ": " + (build.job().canceled() ? "build canceled"
                    : "build failed with status \"" + build.job().status() + "\": " + build.job().errorText()));
        }
        if (!config.noWaitForAgents()) {
            awaitAgents(client, ws, log);
        }
        metrics.counter(MetricNames.WORKSPACES_READY).increment();
        ready = true;
        if (command.isPresent()) {
            WorkspaceAgent agent = client.workspace(ws.id()).latestBuild().firstAgent().orElseThrow(
                    () -> new IllegalStateException("workspace " + ws.name() + " has no agent to run --run-command in"));
            command.get().run(client.endpoint(), agent.id(), run, log);
        }
    }

    /** The workspace once it is up (built, agents connected unless not awaited), with its owner's token. */
    Optional<ReadyWorkspace> ready() {
        return ready ? Optional.of(new ReadyWorkspace(workspace, userClient.endpoint().sessionToken())) : Optional.empty();
    }

    private void awaitAgents(CoderClient client, Workspace ws, RunLog log) throws CoderApiException, InterruptedException {
        log.println("Waiting for agents to connect...");
        long start = System.nanoTime();
        while (true) {
            Workspace current = client.workspace(ws.id());
            List<WorkspaceAgent> agents = current.latestBuild().agents();
            if (agents.stream().allMatch(WorkspaceAgent::connected)) {
                metrics.latency("agent.connect").recordNanos(System.nanoTime() - start);
                log.println("Agents connected: " + agents.size());
                return;
            }
            Thread.sleep(POLL);
        }
    }

    @Override
    public void cleanup(RunContext context) throws Exception {
        if (config.noCleanup()) {
            return;
        }
        RunLog log = context.log();
        String run = context.fullId();
        User u = user != null ? user : lostUser(log);
        Workspace ws = workspace != null ? workspace : lostWorkspace(u, log);
        if (ws != null) {
            log.println("Deleting workspace " + ws.name() + "...");
            deletion.delete(userClient != null ? userClient : runner, ws.id(), log);
            journal.deleted(ResourceKind.WORKSPACE, ws.name(), ws.id().toString(), run);
        }
        if (u != null && !config.useHostLogin()) {
            log.println("Deleting user " + u.username() + "...");
            try {
                runner.deleteUser(u.id());
            } catch (CoderApiException e) {
                // Gone: a delete sent again after its lost answer finds the work done.
                if (!e.gone()) {
                    throw e;
                }
            }
            journal.deleted(ResourceKind.USER, u.username(), u.id().toString(), run);
        }
    }

    /**
     * The user this run meant to create but never heard back about (the run was stopped, or the
     * create and its lookup both failed): it may exist all the same, so it is looked up by name.
     */
    private User lostUser(RunLog log) throws CoderApiException, InterruptedException {
        String name = intendedUsername;
        if (name == null) {
            return null;
        }
        Optional<User> found = runner.userNamed(name);
        found.ifPresent(u -> log.println("User " + name + " was created though its answer was lost"));
        return found.orElse(null);
    }

    /** As {@link #lostUser}, for the workspace of {@code owner} (the caller with --use-host-login). */
    private Workspace lostWorkspace(User owner, RunLog log) throws CoderApiException, InterruptedException {
        String name = intendedWorkspace;
        UUID ownerId = owner != null ? owner.id() : config.useHostLogin() ? me.id() : null;
        if (name == null || ownerId == null) {
            return null;
        }
        Optional<Workspace> found = runner.workspaceNamed(ownerId, name);
        found.ifPresent(w -> log.println("Workspace " + name + " was created though its answer was lost"));
        return found.orElse(null);
    }
}
