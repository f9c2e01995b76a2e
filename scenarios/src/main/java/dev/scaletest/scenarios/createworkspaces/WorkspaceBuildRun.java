package dev.scaletest.scenarios.createworkspaces;

import dev.scaletest.scenarios.cleanup.WorkspaceDeletion;
import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.ScaletestWorkspaces;
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
import java.io.IOException;
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
    private volatile boolean ready;
    // What was asked for before the answer came: a create cut off by Ctrl-C (which interrupts the
    // request) may still have been carried out, and cleanup must find it by name.
    private volatile String requestedUsername;
    private volatile String requestedWorkspace;
    private volatile String requestedWorkspaceOwner;

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
            requestedUsername = generated.username();
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
        requestedWorkspaceOwner = ownerName;
        requestedWorkspace = name;
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

    /**
     * The workspace once it is up (built, agents connected unless not awaited), with its owner's
     * token; {@code index} is this run's number.
     */
    Optional<ReadyWorkspace> ready(int index) {
        return ready ? Optional.of(new ReadyWorkspace(index, workspace, userClient.endpoint().sessionToken())) : Optional.empty();
    }

    /** Waits until every agent is connected; the workspace as then read, agents and apps included, is kept. */
    private void awaitAgents(CoderClient client, Workspace ws, RunLog log) throws CoderApiException, InterruptedException {
        log.println("Waiting for agents to connect...");
        long start = System.nanoTime();
        while (true) {
            Workspace current = client.workspace(ws.id());
            List<WorkspaceAgent> agents = current.latestBuild().agents();
            if (agents.stream().allMatch(WorkspaceAgent::connected)) {
                metrics.latency("agent.connect").recordNanos(System.nanoTime() - start);
                log.println("Agents connected: " + agents.size());
                workspace = current;
                return;
            }
            Thread.sleep(POLL);
        }
    }

    @Override
    public void cleanup(RunContext context) throws Exception {
        RunLog log = context.log();
        String run = context.fullId();
        // A journal that can no longer be written (its disk filled up) must not keep the user alive:
        // both deletions go ahead, and the first journal failure fails this job afterwards.
        IOException unrecorded = null;
        Workspace ws = workspace != null ? workspace : cutOffWorkspace(log);
        if (ws != null) {
            log.println("Deleting workspace " + ws.name() + "...");
            deletion.delete(userClient != null ? userClient : runner, ws.id(), log);
            unrecorded = record(ResourceKind.WORKSPACE, ws.name(), ws.id(), run, null);
        }
        User u = user != null ? user : cutOffUser(log);
        if (u != null) {
            log.println("Deleting user " + u.username() + "...");
            try {
                runner.deleteUser(u.id());
            } catch (CoderApiException e) {
                // Gone: a delete sent again after its lost answer finds the work done.
                if (!e.gone()) {
                    throw e;
                }
            }
            unrecorded = record(ResourceKind.USER, u.username(), u.id(), run, unrecorded);
        }
        if (unrecorded != null) {
            throw new IOException("deleted, but the journal " + journal.file() + " could not record it: " + unrecorded.getMessage(),
                    unrecorded);
        }
    }

    /** Journals a deletion; returns {@code earlier}, or this failure when there was none before. */
    private IOException record(ResourceKind kind, String name, UUID id, String run, IOException earlier) {
        try {
            journal.deleted(kind, name, id.toString(), run);
            return earlier;
        } catch (IOException e) {
            return earlier != null ? earlier : e;
        }
    }

    /** The workspace whose create request got no answer, if the server made it anyway. */
    private Workspace cutOffWorkspace(RunLog log) throws CoderApiException, InterruptedException {
        String name = requestedWorkspace;
        if (name == null) {
            return null;
        }
        Optional<Workspace> found = ScaletestWorkspaces.byName(runner, name, requestedWorkspaceOwner);
        log.println("Workspace " + name + " was requested without an answer; "
                + (found.isPresent() ? "the server made it" : "the server did not make it"));
        return found.orElse(null);
    }

    /** The user whose create request got no answer, if the server made it anyway. */
    private User cutOffUser(RunLog log) throws CoderApiException, InterruptedException {
        String username = requestedUsername;
        if (username == null) {
            return null;
        }
        Optional<User> found = runner.userNamed(username);
        log.println("User " + username + " was requested without an answer; "
                + (found.isPresent() ? "the server made it" : "the server did not make it"));
        return found.orElse(null);
    }
}
