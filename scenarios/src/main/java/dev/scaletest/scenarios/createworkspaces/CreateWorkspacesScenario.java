package dev.scaletest.scenarios.createworkspaces;

import dev.scaletest.cli.CommonOptions;
import dev.scaletest.cli.progress.LiveProgress;
import dev.scaletest.cli.progress.PhaseCounts;
import dev.scaletest.harness.ExitCodes;
import dev.scaletest.reports.RunFailures;
import dev.scaletest.scenarios.ThresholdAbort;
import dev.scaletest.coder.model.Template;
import dev.scaletest.coder.model.TemplateVersion;
import dev.scaletest.coder.model.WorkspaceBuildParameter;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.harness.CleanupFailure;
import dev.scaletest.harness.NameGenerator;
import dev.scaletest.harness.Results;
import dev.scaletest.harness.RunCancellation;
import dev.scaletest.harness.TestHarness;
import dev.scaletest.journal.RunJournal;
import dev.scaletest.scenarios.BuildWaiter;
import dev.scaletest.scenarios.RunSession;
import dev.scaletest.scenarios.cleanup.WorkspaceDeletion;
import dev.scaletest.scenarios.SetupFailures;
import dev.scaletest.scenarios.TemplateFlag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import dev.scaletest.web.NettyWsClient;
import dev.scaletest.web.BuildLogFollower;
import dev.scaletest.web.PtyCommandReader;

/** {@code create-workspaces}: the run phase, the report, then the cleanup phase. */
public final class CreateWorkspacesScenario {
    static final String TEST_NAME = "workspacebuild";
    private static final String PROGRESS_NAME = "create-workspaces";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final CreateWorkspacesConfig config;
    private final CommonOptions common;
    private final PrintStream out;
    private final PrintStream err;

    public CreateWorkspacesScenario(CreateWorkspacesConfig config, CommonOptions common, PrintStream out, PrintStream err) {
        this.config = config;
        this.common = common;
        this.out = out;
        this.err = err;
    }

    public int run() throws Exception {
        config.validate();
        try (RunSession session = RunSession.open(common, new SimpleMeterRegistry(), out, err)) {
            Template template = TemplateFlag.resolve(session, config.template());
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
            for (int i = 0; i < config.count(); i++) {
                // Each run on its own pooled HTTP client, as Coder's tool gives every runner its own
                // client: the JDK client keeps its request timers and idle connections in lists whose
                // cost grows with the requests in flight, so a thousand runs on one client pay for it.
                harness.register(TEST_NAME, Integer.toString(i), new WorkspaceBuildRun(config, session.runnerClient().build(), session.me(),
                        template, parameters, names, journal, session.metrics(), command, builds, deletion));
            }
            RunCancellation cancellation = new RunCancellation(err,
                    "Cleanup skipped; remove what this run created with: scaletest cleanup --journal " + journal.directory());
            cancellation.installSignalHandlers();

            err.println("Running load test...");
            Results results;
            try (LiveProgress progress = common.liveProgress(err).start();
                    LiveProgress.Feed feed = progress.phase(PROGRESS_NAME, () -> PhaseCounts.of(harness.progress()));
                    ThresholdAbort abort = ThresholdAbort.start(session, harness::progress, cancellation.runPhase())) {
                results = harness.run(config.strategy().toExecutionStrategy(), config.strategy().timeout(),
                        cancellation.runPhase());
            }
            RunFailures.tally(results, session.errors());
            int code = session.report(results);

            if (cancellation.cleanupSkipped()) {
                return cancellation.exitCode(code);
            }
            err.println();
            err.println("Cleaning up...");
            List<CleanupFailure> failures;
            try (LiveProgress progress = common.liveProgress(err).start();
                    LiveProgress.Feed feed = progress.phase("cleanup", () -> PhaseCounts.of(harness.cleanupProgress()))) {
                failures = harness.cleanup(config.cleanupStrategy().toExecutionStrategy(),
                        config.cleanupStrategy().timeout(), cancellation.cleanupPhase());
            }
            for (CleanupFailure failure : failures) {
                err.println("cleanup " + failure.fullId() + ": " + failure.error());
            }
            if (!failures.isEmpty()) {
                err.println(failures.size() + " cleanup jobs failed; remove the leftovers with: scaletest cleanup --journal "
                        + journal.directory());
                return cancellation.exitCode(code == ExitCodes.OK ? ExitCodes.RUN_FAILED : code);
            }
            return cancellation.exitCode(code);
        }
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
