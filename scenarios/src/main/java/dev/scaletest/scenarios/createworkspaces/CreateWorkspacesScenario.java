package dev.scaletest.scenarios.createworkspaces;

import dev.scaletest.coder.model.Template;
import dev.scaletest.coder.model.TemplateVersion;
import dev.scaletest.coder.model.WorkspaceBuildParameter;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.harness.NameGenerator;
import dev.scaletest.harness.Shard;
import dev.scaletest.harness.TestHarness;
import dev.scaletest.journal.RunJournal;
import dev.scaletest.scenarios.BuildWaiter;
import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.SetupFailures;
import dev.scaletest.scenarios.cleanup.WorkspaceDeletion;
import dev.scaletest.scenarios.run.Phase;
import dev.scaletest.scenarios.run.Phase.Work;
import dev.scaletest.scenarios.run.Plan;
import dev.scaletest.scenarios.run.RunObserver;
import dev.scaletest.scenarios.run.RunSession;
import dev.scaletest.scenarios.run.Scenario;
import dev.scaletest.web.BuildLogFollower;
import dev.scaletest.web.NettyWsClient;
import dev.scaletest.web.PtyCommandReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code create-workspaces}: a measured phase that creates users and workspaces, the report, then
 * an undo phase that removes them again.
 */
public final class CreateWorkspacesScenario implements Scenario {
    static final String TEST_NAME = "workspacebuild";
    private static final String PHASE = "create-workspaces";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final CreateWorkspacesConfig config;
    /** The registered runs by their number in the whole run. */
    private final Map<Integer, WorkspaceBuildRun> runs = new LinkedHashMap<>();

    /** @param config checked with {@link CreateWorkspacesConfig#validate(boolean)} */
    public CreateWorkspacesScenario(CreateWorkspacesConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Plan prepare(RunSession session, RunObserver observer) throws InterruptedException {
        Phases phases = phases(session, observer);
        return Plan.ofSteps(phases.cleanupSkippedHint(), List.of(() -> Optional.of(phases.create()), () -> phases.undo(observer)));
    }

    /**
     * The measured create phase and the undo phase that deletes what it created (none with
     * {@code --no-cleanup}), with the line the second Ctrl-C prints: a run that does more between
     * the two (traffic) puts them in its own plan.
     */
    public record Phases(Phase.Measured create, Optional<Phase.Undo> cleanup, String cleanupSkippedHint, String keptHint) {

        /** The cleanup phase; with {@code --no-cleanup} none, and a line on how to remove what was kept. */
        public Optional<Phase> undo(RunObserver observer) {
            if (cleanup.isEmpty()) {
                observer.note("");
                observer.note(keptHint);
            }
            return cleanup.map(Phase.class::cast);
        }
    }

    /** Resolves and checks the template and its parameters, and registers the runs this process creates. */
    public Phases phases(RunSession session, RunObserver observer) throws InterruptedException {
        Template template = session.resolveTemplate(templateName(session));
        List<WorkspaceBuildParameter> parameters = buildParameters(session, template);
        RunJournal journal = session.journal();
        NameGenerator names = new NameGenerator();
        NettyWsClient ws = session.own(new NettyWsClient());
        BuildLogFollower buildLogs = new BuildLogFollower(ws, CONNECT_TIMEOUT);
        BuildWaiter builds = BuildWaiter.metered(buildLogs, session.metrics());
        WorkspaceDeletion deletion = new WorkspaceDeletion(BuildWaiter.unmetered(buildLogs));
        Optional<CommandRun> command = config.commandCheck().map(check -> new CommandRun(
                new PtyCommandReader(ws, CONNECT_TIMEOUT), check, session.metrics()));
        TestHarness harness = new TestHarness();
        Shard.Slice slice = slice(session, observer);
        for (int i = slice.from(); i < slice.to(); i++) {
            // Each run on its own pooled HTTP client, as Coder's tool gives every runner its own
            // client: the JDK client keeps its request timers and idle connections in lists whose
            // cost grows with the requests in flight, so a thousand runs on one client pay for it.
            WorkspaceBuildRun run = new WorkspaceBuildRun(config, session.runnerClient().build(), session.me(),
                    template, parameters, names, journal, session.metrics(), command, builds, deletion);
            runs.put(i, run);
            harness.register(TEST_NAME, Integer.toString(i), run);
        }
        String cleanupCommand = "scaletest cleanup --journal " + journal.directory();
        Optional<Phase.Undo> cleanup = config.noCleanup() ? Optional.empty()
                : Optional.of(new Phase.Undo(new Work("cleanup", harness, config.cleanupStrategy().toExecutionStrategy(),
                        config.cleanupStrategy().timeout()), "remove the leftovers with: " + cleanupCommand));
        return new Phases(
                new Phase.Measured(new Work(PHASE, harness, config.strategy().toExecutionStrategy(), config.strategy().timeout()),
                        Optional.of("Running load test..."), Optional.empty(), true, () -> {}),
                cleanup,
                "Cleanup skipped; remove what this run created with: " + cleanupCommand,
                "--no-cleanup: what this run created stays; remove it with: " + cleanupCommand);
    }

    /**
     * The workspaces whose runs brought them up, each with its owner's token: what a run that goes
     * on to send traffic through them starts from. Complete once the measured phase ended.
     */
    public List<ReadyWorkspace> readyWorkspaces() {
        return runs.entrySet().stream().map(run -> run.getValue().ready(run.getKey())).flatMap(Optional::stream).toList();
    }

    /**
     * The runs this process creates: all of {@code --count}, or its shard's part, numbered as in the
     * whole run so that run ids and generated names never collide across shards.
     */
    private Shard.Slice slice(RunSession session, RunObserver observer) {
        Optional<Shard> shard = session.options().shard();
        if (shard.isEmpty()) {
            return new Shard.Slice(0, config.count());
        }
        Shard.Slice slice = shard.get().runs(config.count());
        observer.detail(shard.get().label() + ": " + (slice.size() == 0 ? "no runs (--count " + config.count()
                + " is less than the shard count)" : "runs " + slice.from() + " to " + (slice.to() - 1) + " of --count " + config.count()));
        return slice;
    }

    /** {@code --template}, or the template the deployment offers (the built-in simulator's). */
    private String templateName(RunSession session) {
        if (!config.template().isBlank()) {
            return config.template();
        }
        return session.target().defaultTemplate().orElseThrow(() -> new ConfigException(CreateWorkspacesConfig.TEMPLATE_REQUIRED));
    }

    /**
     * The template's parameters, resolved and checked before the first user is created, as Coder's
     * tool prepares a build from the active version: a value coderd would refuse is bad input now
     * instead of a thousand failed builds later.
     */
    private List<WorkspaceBuildParameter> buildParameters(RunSession session, Template template) throws InterruptedException {
        try {
            TemplateVersion version = session.admin().templateVersion(template.activeVersionId());
            return config.parameters().resolveFor(template.name(), session.admin().richParameters(version.id()));
        } catch (CoderApiException e) {
            throw SetupFailures.describe(e);
        }
    }
}
