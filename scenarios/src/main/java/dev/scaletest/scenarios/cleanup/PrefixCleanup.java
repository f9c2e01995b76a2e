package dev.scaletest.scenarios.cleanup;

import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.ScaletestUsers;
import dev.scaletest.coder.ScaletestWorkspaces;
import dev.scaletest.coder.model.User;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.harness.Runner;
import dev.scaletest.harness.Shard;
import dev.scaletest.scenarios.SetupFailures;
import dev.scaletest.scenarios.StrategyConfig;
import dev.scaletest.scenarios.run.Phase;
import dev.scaletest.scenarios.run.Plan;
import dev.scaletest.scenarios.run.RunObserver;
import dev.scaletest.scenarios.run.RunSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Cleanup by name prefix, as Coder's tool does it: every scaletest workspace, then every scaletest
 * user; a shard takes its part of each.
 */
final class PrefixCleanup {
    private final RunSession session;
    private final RunObserver observer;
    private final StrategyConfig strategy;
    private final Optional<String> template;

    PrefixCleanup(RunSession session, RunObserver observer, StrategyConfig strategy, Optional<String> template) {
        this.session = session;
        this.observer = observer;
        this.strategy = strategy;
        this.template = template;
    }

    /**
     * As Coder's tool: an unknown --template stops here, before any workspace or user is touched.
     * The filter takes the resolved name, since a template ID would match no workspace.
     */
    Plan plan() throws InterruptedException {
        String templateName = template.isPresent() ? session.resolveTemplate(template.get()).name() : "";
        return Plan.ofSteps(CleanupScenario.INTERRUPTED, List.of(() -> workspaces(templateName), this::users));
    }

    private Optional<Phase> workspaces(String templateName) throws InterruptedException {
        CoderClient admin = session.admin();
        observer.coderLine("Fetching scaletest workspaces...");
        List<Workspace> workspaces;
        try {
            workspaces = new ScaletestWorkspaces(admin).list(false, templateName, false).workspaces();
        } catch (CoderApiException e) {
            throw SetupFailures.describe(e);
        }
        workspaces = shardsPart(workspaces, w -> w.ownerId().toString(), "workspaces");
        observer.note("Found " + workspaces.size() + " scaletest workspaces");
        if (workspaces.isEmpty()) {
            return Optional.empty();
        }
        observer.coderLine("Deleting scaletest workspaces...");
        WorkspaceDeletion deletion = CleanupScenario.deletion(session);
        List<Runner> runners = new ArrayList<>();
        for (Workspace w : workspaces) {
            runners.add(ctx -> deletion.delete(admin, w.id(), ctx.log()));
        }
        return Optional.of(CleanupScenario.chore(strategy, "cleanup-workspace", runners, "Done deleting scaletest workspaces:",
                "scaletest: failed to delete scaletest workspaces"));
    }

    /**
     * For a shard, the part of the prefix match it owns ({@link Shard#owns}). Workspaces go by their
     * owner's ID and users by their own, so a user and its workspaces fall to the same shard, which
     * deletes the workspaces before the user; the shards together delete every match once.
     */
    private <T> List<T> shardsPart(List<T> matches, Function<T, String> ownerKey, String what) {
        Optional<Shard> shard = session.options().shard();
        if (shard.isEmpty()) {
            return matches;
        }
        List<T> mine = matches.stream().filter(m -> shard.get().owns(ownerKey.apply(m))).toList();
        observer.note(shard.get().label() + ": " + mine.size() + " of the " + matches.size() + " scaletest " + what
                + " are this shard's (by owner ID)");
        return mine;
    }

    private Optional<Phase> users() throws InterruptedException {
        CoderClient admin = session.admin();
        observer.coderLine("Fetching scaletest users...");
        List<User> users;
        try {
            users = new ScaletestUsers(admin).list();
        } catch (CoderApiException e) {
            throw SetupFailures.describe(e);
        }
        users = shardsPart(users, u -> u.id().toString(), "users");
        observer.note("Found " + users.size() + " scaletest users");
        if (users.isEmpty()) {
            return Optional.empty();
        }
        observer.coderLine("Deleting scaletest users...");
        List<Runner> runners = new ArrayList<>();
        for (User u : users) {
            runners.add(ctx -> CleanupScenario.deleteUser(admin, u.id()));
        }
        return Optional.of(CleanupScenario.chore(strategy, "cleanup-users", runners, "Done deleting scaletest users:",
                "scaletest: failed to delete scaletest users"));
    }
}
