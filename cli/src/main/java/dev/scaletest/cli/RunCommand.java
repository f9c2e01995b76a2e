package dev.scaletest.cli;

import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.createworkspaces.CreateWorkspacesConfig;
import dev.scaletest.scenarios.fullrun.FullRunConfig;
import dev.scaletest.scenarios.fullrun.TrafficMix;
import dev.scaletest.scenarios.workspacetraffic.SshAccess;
import dev.scaletest.scenarios.workspacetraffic.TrafficMode;
import dev.scaletest.scenarios.workspacetraffic.WebSocketClientKind;
import dev.scaletest.scenarios.workspacetraffic.WorkspaceTrafficConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code scaletest run}: create, traffic, cleanup as one command with one report. Its flags are its
 * own where the three commands' disagree; each choice is said in the description and the README.
 */
@Command(name = "run",
        description = {"The whole load test in one command: create workspaces (as create-workspaces), send traffic through every"
                + " workspace that came up for --traffic-duration (web terminal, SSH and app streams in the --traffic-mix), then"
                + " clean up. One report with each phase's figures and one verdict: failed creates count against it, and traffic"
                + " still goes ahead on the rest. Traffic goes as each workspace's owner, with the session the run holds, so it"
                + " works where coderd disables owner access to workspaces.",
                "The cleanup always runs, also after failed traffic or Ctrl-C; --no-cleanup or a second Ctrl-C leave everything"
                        + " in the journal for 'scaletest cleanup --journal DIR'.",
                "Where the three commands' flags disagree, run chooses: --count is the workspaces of the whole run (default 1, as"
                        + " create-workspaces: a bare run is a smoke test); --concurrency is the create phase's (default 1, as"
                        + " create-workspaces), and every traffic stream starts at once; --timeout is the create phase's deadline"
                        + " (create-workspaces' meaning), and --traffic-duration how long traffic runs; --template reads"
                        + " CODER_SCALETEST_TEMPLATE (cleanup's variable is not read: run removes what it created, by its own"
                        + " record); an unset --cleanup-concurrency follows --concurrency.",
                "With --shard each shard creates its slice of --count and drives traffic through the workspaces it created itself."})
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    ScaletestCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--template"}, descriptionKey = "CODER_SCALETEST_TEMPLATE", paramLabel = "NAME|ID",
            description = "Template to create the workspaces from (required; --embedded uses the simulator's).")
    String template;

    @Option(names = {"-c", "--count"}, descriptionKey = "CODER_SCALETEST_COUNT", defaultValue = "1", paramLabel = "N",
            description = "Workspaces in the whole run; with --shard each shard creates its part. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--traffic-duration", descriptionKey = "CODER_SCALETEST_TRAFFIC_DURATION", defaultValue = "5m",
            paramLabel = "DURATION", converter = GoDurationConverter.class,
            description = "How long traffic runs through the workspaces. Default: ${DEFAULT-VALUE}.")
    Duration trafficDuration;

    @Option(names = "--traffic-mix", descriptionKey = "CODER_SCALETEST_TRAFFIC_MIX", defaultValue = TrafficMix.DEFAULT,
            paramLabel = "MODE=SHARE,...",
            description = {"Which share of the workspaces gets which stream: terminal (Coder's web terminal), ssh (see the --ssh-"
                    + " flags) and app (--app); shares are weights, e.g. terminal=80,ssh=10,app=10. Workspaces are sorted by ID and"
                    + " handed out in that order, the counts rounded by the largest remainder. Default: ${DEFAULT-VALUE}."})
    String trafficMix;

    @Option(names = "--app", descriptionKey = "CODER_SCALETEST_TRAFFIC_APP", paramLabel = "SLUG",
            description = "The workspace app whose WebSocket the app streams of --traffic-mix echo through.")
    String app;

    @Option(names = "--retry", descriptionKey = "CODER_SCALETEST_RETRY", defaultValue = "0", paramLabel = "N",
            description = "Extra start builds to try when a build fails. Default: ${DEFAULT-VALUE}.")
    int retry;

    @Option(names = "--no-cleanup", descriptionKey = "CODER_SCALETEST_NO_CLEANUP",
            description = "Leave the users and workspaces; remove them later with 'scaletest cleanup --journal DIR'.")
    boolean noCleanup;

    @Option(names = "--use-host-login", descriptionKey = "CODER_SCALETEST_USE_HOST_LOGIN",
            description = "Do not create users; create every workspace as, and send its traffic as, the logged-in user.")
    boolean useHostLogin;

    @Mixin
    TickOptions ticks;

    @Mixin
    SshOptions ssh;

    @Mixin
    RichParameterOptions parameters;

    /** The create phase's strategy: Coder's create default of one job at a time. */
    @Mixin
    StrategyOptions strategy;

    @Mixin
    CleanupStrategyOptions cleanupStrategy;

    @Mixin
    OutputOptions output;

    @Mixin
    ThresholdOptions thresholds;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        boolean embedded = root.global().embedded;
        if (trafficDuration.isNegative() || trafficDuration.isZero()) {
            throw new ConfigException("--traffic-duration must be greater than 0");
        }
        TrafficMix mix = TrafficMix.parse(trafficMix, Optional.ofNullable(app));
        SshAccess sshAccess = ssh.toAccess(root.environment());
        CreateWorkspacesConfig create = new CreateWorkspacesConfig(count, retry, template == null ? "" : template.trim(), noCleanup,
                false, Optional.empty(), "", useHostLogin, parameters.toParameters(), strategy.toConfig(),
                // Cleanup always runs, so it is given the create phase's pace unless told otherwise.
                cleanupStrategy.toConfig(true, strategy.concurrency()));
        WorkspaceTrafficConfig traffic = WorkspaceTrafficConfig.forHeldWorkspaces(ticks.bytesPerTick, ticks.tickInterval,
                trafficDuration, ticks.warmUp, sshAccess, ssh.relayOnly(root.global()), WebSocketClientKind.NETTY);
        FullRunConfig config = new FullRunConfig(create, traffic, mix).validate(embedded);
        CommonOptions common = root.global().resolve(spec, root.environment(), err, root.shards(), output.toTargets(),
                thresholds.expressions(), thresholds.abortOnThreshold);
        WritablePaths.checkJournalDirectory(common.journalDir(), root.global().journalDir != null);
        if (mix.modes().contains(TrafficMode.SSH)) {
            SshOptions.requireRoute("--traffic-mix with an ssh share", common.embedded(), sshAccess);
            ssh.warnIfInsecure(err);
        }
        return root.launcher().run(config, common);
    }
}
