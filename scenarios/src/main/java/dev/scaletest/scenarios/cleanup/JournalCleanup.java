package dev.scaletest.scenarios.cleanup;

import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.ScaletestWorkspaces;
import dev.scaletest.coder.model.User;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.harness.RunLog;
import dev.scaletest.harness.Runner;
import dev.scaletest.journal.JournalReader;
import dev.scaletest.journal.LeftoverResource;
import dev.scaletest.journal.ResourceKind;
import dev.scaletest.journal.RunJournal;
import dev.scaletest.scenarios.StrategyConfig;
import dev.scaletest.scenarios.run.Phase;
import dev.scaletest.scenarios.run.Plan;
import dev.scaletest.scenarios.run.RunObserver;
import dev.scaletest.scenarios.run.RunSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code cleanup --journal}: exactly the leftovers one run's journal records (API tokens first,
 * then workspaces, then users), each deletion journaled in that run's journal.
 */
final class JournalCleanup {
    private final RunSession session;
    private final RunObserver observer;
    private final StrategyConfig strategy;
    private final Path directory;

    JournalCleanup(RunSession session, RunObserver observer, StrategyConfig strategy, Path directory) {
        this.session = session;
        this.observer = observer;
        this.strategy = strategy;
        this.directory = directory;
    }

    Plan plan() throws IOException {
        JournalReader.Contents contents = JournalReader.read(directory);
        contents.skippedNotice().ifPresent(observer::note);
        List<LeftoverResource> leftovers = JournalReader.leftovers(contents.entries());
        List<LeftoverResource> workspaces = of(leftovers, ResourceKind.WORKSPACE);
        List<LeftoverResource> users = of(leftovers, ResourceKind.USER);
        List<LeftoverResource> apiKeys = of(leftovers, ResourceKind.API_KEY);
        String found = apiKeys.isEmpty()
                ? workspaces.size() + " workspaces and " + users.size() + " users"
                : workspaces.size() + " workspaces, " + users.size() + " users and " + apiKeys.size() + " API tokens";
        observer.note("Found " + found + " left over in " + directory);
        RunJournal journal = session.own(RunJournal.open(directory));
        // Tokens first: a token of a user who is not deleted below (one not made by scaletest) would outlive the cleanup.
        return Plan.ofSteps(CleanupScenario.INTERRUPTED, List.of(() -> apiKeys(apiKeys, journal),
                () -> workspaces(workspaces, journal), () -> users(users, journal)));
    }

    private static List<LeftoverResource> of(List<LeftoverResource> leftovers, ResourceKind kind) {
        return leftovers.stream().filter(l -> l.kind() == kind).toList();
    }

    private Optional<Phase> apiKeys(List<LeftoverResource> apiKeys, RunJournal journal) {
        if (apiKeys.isEmpty()) {
            return Optional.empty();
        }
        observer.coderLine("Deleting journaled API tokens...");
        CoderClient admin = session.admin();
        List<Runner> runners = new ArrayList<>();
        for (LeftoverResource k : apiKeys) {
            runners.add(ctx -> {
                deleteApiKey(admin, k, ctx.log());
                journal.apiKeyDeleted(k.run(), k.name(), k.owner(), k.id().orElse(null));
            });
        }
        return Optional.of(CleanupScenario.chore(strategy, "cleanup-api-keys", runners, "Done deleting journaled API tokens:",
                "scaletest: failed to delete journaled API tokens"));
    }

    private Optional<Phase> workspaces(List<LeftoverResource> workspaces, RunJournal journal) {
        if (workspaces.isEmpty()) {
            return Optional.empty();
        }
        observer.coderLine("Deleting journaled workspaces...");
        CoderClient admin = session.admin();
        WorkspaceDeletion deletion = CleanupScenario.deletion(session);
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
        return Optional.of(CleanupScenario.chore(strategy, "cleanup-workspace", runners, "Done deleting journaled workspaces:",
                "scaletest: failed to delete journaled workspaces"));
    }

    private Optional<Phase> users(List<LeftoverResource> users, RunJournal journal) {
        if (users.isEmpty()) {
            return Optional.empty();
        }
        observer.coderLine("Deleting journaled users...");
        CoderClient admin = session.admin();
        List<Runner> runners = new ArrayList<>();
        for (LeftoverResource u : users) {
            runners.add(ctx -> {
                Optional<UUID> id = u.id().isPresent() ? u.id().map(UUID::fromString) : admin.userNamed(u.name()).map(User::id);
                if (id.isEmpty()) {
                    ctx.log().println("user " + u.name() + " not found, skipping delete");
                } else {
                    CleanupScenario.deleteUser(admin, id.get());
                }
                journal.deleted(ResourceKind.USER, u.name(), id.map(UUID::toString).orElse(null), u.run());
            });
        }
        return Optional.of(CleanupScenario.chore(strategy, "cleanup-users", runners, "Done deleting journaled users:",
                "scaletest: failed to delete journaled users"));
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

    private static Optional<UUID> findWorkspace(CoderClient admin, LeftoverResource w) throws CoderApiException, InterruptedException {
        return ScaletestWorkspaces.byName(admin, w.name(), w.owner()).map(Workspace::id);
    }
}
