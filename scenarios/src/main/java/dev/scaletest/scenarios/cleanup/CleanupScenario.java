package dev.scaletest.scenarios.cleanup;

import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.harness.Runner;
import dev.scaletest.harness.TestHarness;
import dev.scaletest.scenarios.BuildWaiter;
import dev.scaletest.scenarios.StrategyConfig;
import dev.scaletest.scenarios.run.Phase;
import dev.scaletest.scenarios.run.Plan;
import dev.scaletest.scenarios.run.RunObserver;
import dev.scaletest.scenarios.run.RunSession;
import dev.scaletest.scenarios.run.Scenario;
import dev.scaletest.web.BuildLogFollower;
import dev.scaletest.web.NettyWsClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code cleanup}: by name prefix (every {@code scaletest-} workspace, then every scaletest user),
 * or with {@code --journal} exactly the leftovers one run's journal records, nothing else. Each
 * deletion step is a chore: Coder's text results on stderr, and a failed step ends the command.
 */
public final class CleanupScenario implements Scenario {
    static final String INTERRUPTED = "Interrupted again; run scaletest cleanup again to remove what is left";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final CleanupConfig config;

    /** @param config checked with {@link CleanupConfig#validate()} */
    public CleanupScenario(CleanupConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Plan prepare(RunSession session, RunObserver observer) throws Exception {
        if (config.journal().isPresent()) {
            return new JournalCleanup(session, observer, config.cleanupStrategy(), config.journal().get()).plan();
        }
        return new PrefixCleanup(session, observer, config.cleanupStrategy(), config.template()).plan();
    }

    /** One deletion per runner under the cleanup strategy. */
    static Phase chore(StrategyConfig strategy, String testName, List<Runner> runners, String doneLine, String failedLine) {
        TestHarness harness = new TestHarness();
        for (int i = 0; i < runners.size(); i++) {
            harness.register(testName, Integer.toString(i), runners.get(i));
        }
        return new Phase.Chore(new Phase.Work(testName, harness, strategy.toExecutionStrategy(), strategy.timeout()),
                doneLine, failedLine);
    }

    /** Deletes as the owner: the users who own these workspaces have no session here. */
    static WorkspaceDeletion deletion(RunSession session) {
        NettyWsClient ws = session.own(new NettyWsClient());
        return new WorkspaceDeletion(BuildWaiter.unmetered(new BuildLogFollower(ws, CONNECT_TIMEOUT)));
    }

    /** Deletes a user; one already gone is fine. */
    static void deleteUser(CoderClient admin, UUID id) throws CoderApiException, InterruptedException {
        try {
            admin.deleteUser(id);
        } catch (CoderApiException e) {
            if (!e.gone()) {
                throw new IllegalStateException("delete user \"" + id + "\": " + e.getMessage(), e);
            }
        }
    }
}
