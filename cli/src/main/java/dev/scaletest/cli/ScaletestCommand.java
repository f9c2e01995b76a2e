package dev.scaletest.cli;

import dev.scaletest.harness.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The {@code scaletest} command line. Construct it with the {@link ScenarioLauncher} that runs the
 * checked configs (or how to make one, on first use) and the {@link CliEnvironment} it reads, then
 * {@link #execute(String...)}.
 */
@Command(name = "scaletest",
        description = "Load-tests a Coder deployment: creates workspaces, drives terminal traffic, checks SLOs and cleans up.",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = ScaletestCommand.Version.class,
        sortOptions = false,
        usageHelpWidth = 100,
        usageHelpAutoWidth = true,
        subcommands = {CreateWorkspacesCommand.class, WorkspaceTrafficCommand.class, CleanupCommand.class, RunCommand.class,
                SimulatorCommand.class, ReportCommand.class})
public final class ScaletestCommand implements Callable<Integer> {

    private final Supplier<ScenarioLauncher> launchers;
    private final CliEnvironment environment;
    private ScenarioLauncher launcher;

    @Mixin
    GlobalOptions global;

    @Mixin
    ShardOptions shards;

    @Spec
    CommandSpec spec;

    public ScaletestCommand(ScenarioLauncher launcher, CliEnvironment environment) {
        this(constant(Objects.requireNonNull(launcher, "launcher")), environment);
    }

    /**
     * @param launchers makes the launcher when a command first needs it, so help, version and input
     *                  checks never build it (and a launcher that cannot be built fails in one line)
     */
    public ScaletestCommand(Supplier<ScenarioLauncher> launchers, CliEnvironment environment) {
        this.launchers = Objects.requireNonNull(launchers, "launchers");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    private static Supplier<ScenarioLauncher> constant(ScenarioLauncher launcher) {
        return () -> launcher;
    }

    /**
     * The configured picocli command line: root flags where they apply, environment defaults,
     * one-line errors, environment help.
     */
    public CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(this);
        FlagScopes.apply(commandLine);
        OneLineErrors errors = new OneLineErrors(() -> global != null && global.verbose(), new FlagOrigins(environment));
        commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
        // Like Coder's flag parser: a flag given twice keeps the last value (scripts append overrides).
        commandLine.setOverwrittenOptionsAllowed(true);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setExecutionExceptionHandler(errors);
        EnvironmentHelpSection.install(commandLine);
        return commandLine;
    }

    /** Parses {@code args}, runs the command and returns the exit status. */
    public int execute(String... args) {
        return commandLine().execute(args);
    }

    /** {@code scaletest} without a subcommand prints the help. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    synchronized ScenarioLauncher launcher() {
        if (launcher == null) {
            launcher = Objects.requireNonNull(launchers.get(), "launcher");
        }
        return launcher;
    }

    CliEnvironment environment() {
        return environment;
    }

    GlobalOptions global() {
        return global;
    }

    ShardOptions shards() {
        return shards;
    }

    /** Runs the command with the production launcher, made when a command first needs it. */
    public static void main(String[] args) {
        System.exit(new ScaletestCommand(ProductionLauncher::new, CliEnvironment.system()).execute(args));
    }

    /** {@code scaletest <version>} ({@link ToolVersion}). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"scaletest " + ToolVersion.current()};
        }
    }
}
