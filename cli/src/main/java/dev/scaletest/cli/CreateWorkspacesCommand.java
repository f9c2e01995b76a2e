package dev.scaletest.cli;

import dev.scaletest.scenarios.createworkspaces.CommandCheck;
import dev.scaletest.scenarios.createworkspaces.CreateWorkspacesConfig;
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

@Command(name = "create-workspaces",
        description = {"Creates many users, then creates a workspace for each user and waits for them to finish building and fully come online. Optionally runs a command inside each workspace.",
                "Many logins come from one address: consider disabling the server's rate limits for the test."})
final class CreateWorkspacesCommand implements Callable<Integer> {

    /** Coder's {@code --connect-mode} values; accepted, since {@code --connect-url} itself is refused. */
    enum ConnectMode { DERP, DIRECT }

    @ParentCommand
    ScaletestCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--count"}, descriptionKey = "CODER_SCALETEST_COUNT", defaultValue = "1", paramLabel = "N",
            description = "Number of workspaces to create. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--retry", descriptionKey = "CODER_SCALETEST_RETRY", defaultValue = "0", paramLabel = "N",
            description = "Extra start builds to try when a build fails. Default: ${DEFAULT-VALUE}.")
    int retry;

    @Option(names = {"-t", "--template"}, descriptionKey = "CODER_SCALETEST_TEMPLATE", paramLabel = "NAME|ID",
            description = "Template to create the workspaces from (required).")
    String template;

    @Option(names = "--no-cleanup", descriptionKey = "CODER_SCALETEST_NO_CLEANUP",
            description = "Leave the users and workspaces; remove them later with 'scaletest cleanup'.")
    boolean noCleanup;

    @Option(names = "--no-wait-for-agents", descriptionKey = "CODER_SCALETEST_NO_WAIT_FOR_AGENTS",
            description = "Succeed once the build finishes, without waiting for agents to connect.")
    boolean noWaitForAgents;

    @Option(names = "--run-command", descriptionKey = "CODER_SCALETEST_RUN_COMMAND", paramLabel = "COMMAND",
            description = "Command to run in each workspace through the web terminal.")
    String runCommand;

    @Option(names = "--run-timeout", descriptionKey = "CODER_SCALETEST_RUN_TIMEOUT", defaultValue = "5s", paramLabel = "DURATION",
            converter = GoDurationConverter.class, description = "How long the command may take. Default: ${DEFAULT-VALUE}.")
    Duration runTimeout;

    @Option(names = "--run-expect-timeout", descriptionKey = "CODER_SCALETEST_RUN_EXPECT_TIMEOUT",
            description = "Succeed only if the command does not finish within --run-timeout.")
    boolean runExpectTimeout;

    @Option(names = "--run-expect-output", descriptionKey = "CODER_SCALETEST_RUN_EXPECT_OUTPUT", paramLabel = "TEXT",
            description = "Text that must appear within one line of the command's output.")
    String runExpectOutput;

    @Option(names = "--run-log-output", descriptionKey = "CODER_SCALETEST_RUN_LOG_OUTPUT",
            description = "Copy the command's output into the run log.")
    boolean runLogOutput;

    @Option(names = "--connect-url", descriptionKey = "CODER_SCALETEST_CONNECT_URL", paramLabel = "URL",
            description = "Not supported (needs Coder's WireGuard network); use --run-command instead.")
    String connectUrl;

    @Option(names = "--connect-mode", descriptionKey = "CODER_SCALETEST_CONNECT_MODE", defaultValue = "derp", paramLabel = "derp|direct",
            description = "Accepted for compatibility with --connect-url.")
    ConnectMode connectMode;

    @Option(names = "--connect-hold", descriptionKey = "CODER_SCALETEST_CONNECT_HOLD", defaultValue = "30s", paramLabel = "DURATION",
            converter = GoDurationConverter.class, description = "Accepted for compatibility with --connect-url.")
    Duration connectHold;

    @Option(names = "--connect-interval", descriptionKey = "CODER_SCALETEST_CONNECT_INTERVAL", defaultValue = "1s", paramLabel = "DURATION",
            converter = GoDurationConverter.class, description = "Accepted for compatibility with --connect-url.")
    Duration connectInterval;

    @Option(names = "--connect-timeout", descriptionKey = "CODER_SCALETEST_CONNECT_TIMEOUT", defaultValue = "5s", paramLabel = "DURATION",
            converter = GoDurationConverter.class, description = "Accepted for compatibility with --connect-url.")
    Duration connectTimeout;

    @Option(names = "--use-host-login", descriptionKey = "CODER_SCALETEST_USE_HOST_LOGIN",
            description = "Do not create users; create every workspace as the logged-in user.")
    boolean useHostLogin;

    @Mixin
    RichParameterOptions parameters;

    @Mixin
    StrategyOptions strategy;

    @Mixin
    CleanupStrategyOptions cleanupStrategy;

    @Mixin
    OutputOptions output;

    @Mixin
    ThresholdOptions thresholds;

    @Mixin
    TracingOptions tracing;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Optional<CommandCheck> check = runCommand == null || runCommand.isEmpty() ? Optional.empty()
                : Optional.of(new CommandCheck(runCommand, runTimeout, runExpectTimeout,
                        runExpectOutput == null ? "" : runExpectOutput, runLogOutput));
        String templateName = template == null ? "" : template.trim();
        // --embedded needs no --template: the built-in simulator's own template is used.
        CreateWorkspacesConfig config = new CreateWorkspacesConfig(count, retry, templateName,
                noCleanup, noWaitForAgents, check, connectUrl == null ? "" : connectUrl.trim(), useHostLogin,
                parameters.toParameters(), strategy.toConfig(),
                cleanupStrategy.toConfig(root.global().embedded, strategy.concurrency())).validate(root.global().embedded);
        CommonOptions common = root.global().resolve(spec, root.environment(), err, root.shards(), output.toTargets(),
                thresholds.expressions(), thresholds.abortOnThreshold);
        WritablePaths.checkJournalDirectory(common.journalDir(), root.global().journalDir != null);
        tracing.noteIfRequested(err);
        return root.launcher().createWorkspaces(config, common);
    }
}
