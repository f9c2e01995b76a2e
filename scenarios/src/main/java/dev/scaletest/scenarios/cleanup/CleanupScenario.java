package dev.scaletest.scenarios.cleanup;

import dev.scaletest.cli.CommonOptions;
import dev.scaletest.cli.progress.LiveProgress;
import dev.scaletest.cli.progress.PhaseCounts;
import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.ScaletestUsers;
import dev.scaletest.coder.ScaletestWorkspaces;
import dev.scaletest.coder.model.User;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.harness.ExitCodes;
import dev.scaletest.harness.Results;
import dev.scaletest.harness.ResultsText;
import dev.scaletest.harness.RunLog;
import dev.scaletest.harness.Runner;
import dev.scaletest.harness.TestHarness;
import dev.scaletest.journal.JournalReader;
import dev.scaletest.journal.LeftoverResource;
import dev.scaletest.journal.ResourceKind;
import dev.scaletest.journal.RunJournal;
import dev.scaletest.reports.ThrottlingNotice;
import dev.scaletest.scenarios.BuildWaiter;
import dev.scaletest.scenarios.RunSession;
import dev.scaletest.scenarios.SetupFailures;
import dev.scaletest.web.BuildLogFollower;
import dev.scaletest.web.NettyWsClient;
import dev.scaletest.scenarios.TemplateFlag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code cleanup}: by name prefix (every {@code scaletest-} workspace, then every scaletest user),
 * or with {@code --journal} exactly the leftovers one run's journal records, nothing else.
 */
public final class CleanupScenario {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final CleanupConfig config;
    private final CommonOptions common;
    private final PrintStream out;
    private final PrintStream err;
    /** The deletions' durations added up, to judge how much of it went to rate limits. */
    private Duration runTime = Duration.ZERO;

    public CleanupScenario(CleanupConfig config, CommonOptions common, PrintStream out, PrintStream err) {
        this.config = config;
        this.common = common;
        this.out = out;
        this.err = err;
    }

    public int run() throws Exception {
        config.validate();
        try (RunSession session = RunSession.open(common, new SimpleMeterRegistry(), out, err)) {
            try {
                return config.journal().isPresent() ? fromJournal(session) : byPrefix(session);
            } catch (CoderApiException e) {
                throw SetupFailures.describe(e);
            } finally {
                session.warnIfThrottled(runTime);
            }
        }
    }

    private int byPrefix(RunSession session) throws CoderApiException, InterruptedException {
        CoderClient admin = session.admin();
        // As Coder's tool: an unknown --template stops here, before any workspace or user is touched.
        // The filter takes the resolved name, since a template ID would match no workspace.
        String template = config.template().isPresent() ? TemplateFlag.resolve(session, config.template().get()).name() : "";
        out.println("Fetching scaletest workspaces...");
        List<Workspace> workspaces = new ScaletestWorkspaces(admin).list(false, template, false).workspaces();
        err.println("Found " + workspaces.size() + " scaletest workspaces");
        if (!workspaces.isEmpty()) {
            out.println("Deleting scaletest workspaces...");
            List<Runner> runners = new ArrayList<>();
            WorkspaceDeletion deletion = deletion(session);
            for (Workspace w : workspaces) {
                runners.add(ctx -> deletion.delete(admin, w.id(), ctx.log()));
            }
            if (!phase("cleanup-workspace", runners, "Done deleting scaletest workspaces:")) {
                err.println("scaletest: failed to delete scaletest workspaces");
                return ExitCodes.RUN_FAILED;
            }
        }
        out.println("Fetching scaletest users...");
        List<User> users = new ScaletestUsers(admin).list();
        err.println("Found " + users.size() + " scaletest users");
        if (!users.isEmpty()) {
            out.println("Deleting scaletest users...");
            List<Runner> runners = new ArrayList<>();
            for (User u : users) {
                runners.add(ctx -> deleteUser(admin, u.id()));
            }
            if (!phase("cleanup-users", runners, "Done deleting scaletest users:")) {
                err.println("scaletest: failed to delete scaletest users");
                return ExitCodes.RUN_FAILED;
            }
        }
        return ExitCodes.OK;
    }

    private int fromJournal(RunSession session) throws IOException, InterruptedException {
        CoderClient admin = session.admin();
        List<LeftoverResource> leftovers = JournalReader.leftovers(config.journal().orElseThrow());
        List<LeftoverResource> workspaces = leftovers.stream().filter(l -> l.kind() == ResourceKind.WORKSPACE).toList();
        List<LeftoverResource> users = leftovers.stream().filter(l -> l.kind() == ResourceKind.USER).toList();
        List<LeftoverResource> apiKeys = leftovers.stream().filter(l -> l.kind() == ResourceKind.API_KEY).toList();
        String found = apiKeys.isEmpty()
                ? workspaces.size() + " workspaces and " + users.size() + " users"
                : workspaces.size() + " workspaces, " + users.size() + " users and " + apiKeys.size() + " API tokens";
        err.println("Found " + found + " left over in " + config.journal().orElseThrow());
        try (RunJournal journal = RunJournal.open(config.journal().orElseThrow())) {
            // Tokens first: a token of a user who is not deleted below (one not made by scaletest) would outlive the cleanup.
            if (!apiKeys.isEmpty()) {
                out.println("Deleting journaled API tokens...");
                List<Runner> runners = new ArrayList<>();
                for (LeftoverResource k : apiKeys) {
                    runners.add(ctx -> {
                        deleteApiKey(admin, k, ctx.log());
                        journal.apiKeyDeleted(k.run(), k.name(), k.owner(), k.id().orElse(null));
                    });
                }
                if (!phase("cleanup-api-keys", runners, "Done deleting journaled API tokens:")) {
                    err.println("scaletest: failed to delete journaled API tokens");
                    return ExitCodes.RUN_FAILED;
                }
            }
            if (!workspaces.isEmpty()) {
                out.println("Deleting journaled workspaces...");
                WorkspaceDeletion deletion = deletion(session);
                List<Runner> runners = new ArrayList<>();
                for (LeftoverResource w : workspaces) {
                    runners.add(ctx -> {
                        Optional<UUID> id = w.id().isPresent() ? w.id().map(UUID::fromString) : findWorkspace(admin, w);
                        if (id.isEmpty()) {
                            ctx.log().println("workspace " + w.name() + " not found, skipping delete");
                        } else {
                            deletion.delete(admin, id.get(), ctx.log());
                        }
                        journal.deleted(ResourceKind.WORKSPACE, w.name(), id.map(UUID::toString).orElse(null), w.run());
                    });
                }
                if (!phase("cleanup-workspace", runners, "Done deleting journaled workspaces:")) {
                    err.println("scaletest: failed to delete journaled workspaces");
                    return ExitCodes.RUN_FAILED;
                }
            }
            if (!users.isEmpty()) {
                out.println("Deleting journaled users...");
                List<Runner> runners = new ArrayList<>();
                for (LeftoverResource u : users) {
                    runners.add(ctx -> {
                        Optional<UUID> id = idOf(u).isPresent() ? idOf(u) : findUser(admin, u.name());
                        if (id.isEmpty()) {
                            ctx.log().println("user " + u.name() + " not found, skipping delete");
                        } else {
                            deleteUser(admin, id.get());
                        }
                        journal.deleted(ResourceKind.USER, u.name(), id.map(UUID::toString).orElse(null), u.run());
                    });
                }
                if (!phase("cleanup-users", runners, "Done deleting journaled users:")) {
                    err.println("scaletest: failed to delete journaled users");
                    return ExitCodes.RUN_FAILED;
                }
            }
        }
        return ExitCodes.OK;
    }

    /** Deletes as the owner: the users who own these workspaces have no session here. */
    private static WorkspaceDeletion deletion(RunSession session) {
        NettyWsClient ws = session.own(new NettyWsClient());
        return new WorkspaceDeletion(BuildWaiter.unmetered(new BuildLogFollower(ws, CONNECT_TIMEOUT)));
    }

    /**
     * Deletes a journaled token by its key id; one already gone (its user deleted, or purged after
     * expiring) is fine. A token journaled without an id (the run stopped while minting it) cannot
     * be looked up by the two calls scaletest makes; it expires on its own within its short lifetime.
     */
    private static void deleteApiKey(CoderClient admin, LeftoverResource k, RunLog log)
            throws CoderApiException, InterruptedException {
        if (k.id().isEmpty()) {
            log.println("API token " + k.name() + " of " + k.owner() + " has no recorded id (minting was interrupted);"
                    + " it expires on its own");
            return;
        }
        try {
            admin.deleteApiKey(k.owner(), k.id().get());
        } catch (CoderApiException e) {
            if (!e.gone()) {
                throw new IllegalStateException("delete API token " + k.name() + " of " + k.owner() + ": " + e.getMessage(), e);
            }
            log.println("API token " + k.name() + " of " + k.owner() + " is already gone");
        }
    }

    private static Optional<UUID> idOf(LeftoverResource r) {
        return r.id().map(UUID::fromString);
    }

    private static Optional<UUID> findWorkspace(CoderClient admin, LeftoverResource w) throws CoderApiException, InterruptedException {
        String q = "name:\"" + w.name() + "\"" + (w.owner() != null ? " owner:\"" + w.owner() + "\"" : "");
        return admin.workspaces(q, ScaletestWorkspaces.PAGE_SIZE, 0).workspaces().stream()
                .filter(x -> x.name().equals(w.name()) && (w.owner() == null || w.owner().equals(x.ownerName())))
                .map(Workspace::id)
                .findFirst();
    }

    private static Optional<UUID> findUser(CoderClient admin, String name) throws CoderApiException, InterruptedException {
        try {
            return Optional.of(admin.user(name).id());
        } catch (CoderApiException e) {
            if (e.gone()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static void deleteUser(CoderClient admin, UUID id) throws CoderApiException, InterruptedException {
        try {
            admin.deleteUser(id);
        } catch (CoderApiException e) {
            if (!e.gone()) {
                throw new IllegalStateException("delete user \"" + id + "\": " + e.getMessage(), e);
            }
        }
    }

    /** Runs one deletion per runner under the cleanup strategy; prints the text results to stderr. */
    private boolean phase(String testName, List<Runner> runners, String doneLine) {
        TestHarness harness = new TestHarness();
        for (int i = 0; i < runners.size(); i++) {
            harness.register(testName, Integer.toString(i), runners.get(i));
        }
        Results results;
        try (LiveProgress progress = common.liveProgress(err).start();
                LiveProgress.Feed feed = progress.phase(testName, () -> PhaseCounts.of(harness.progress()))) {
            results = harness.run(config.cleanupStrategy().toExecutionStrategy(), config.cleanupStrategy().timeout());
        }
        out.println(doneLine);
        err.print(ResultsText.render(results));
        runTime = runTime.plus(ThrottlingNotice.summedDuration(results));
        return results.totalFail() == 0;
    }
}
