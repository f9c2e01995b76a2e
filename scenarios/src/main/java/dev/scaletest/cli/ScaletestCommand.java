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

/**
 * The {@code scaletest} command line. Construct it with the {@link ScenarioLauncher} that runs the
 * checked configs and the {@link CliEnvironment} it reads, then {@link #execute(String...)}.
 */
@Command(name = "scaletest",
        description = "Load-tests a Coder deployment: creates workspaces, drives terminal traffic, checks SLOs and cleans up.",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = ScaletestCommand.Version.class,
        sortOptions = false,
        usageHelpWidth = 100,
        usageHelpAutoWidth = true,
        subcommands = {CreateWorkspacesCommand.class, WorkspaceTrafficCommand.class, CleanupCommand.class,
                SimulatorCommand.class, ReportCommand.class})
public final class ScaletestCommand implements Callable<Integer> {

    private final ScenarioLauncher launcher;
    private final CliEnvironment environment;

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    public ScaletestCommand(ScenarioLauncher launcher, CliEnvironment environment) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The configured picocli command line: environment defaults, one-line errors, environment help. */
    public CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(this);
        OneLineErrors errors = new OneLineErrors(() -> global != null && global.verbose());
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

    ScenarioLauncher launcher() {
        return launcher;
    }

    CliEnvironment environment() {
        return environment;
    }

    GlobalOptions global() {
        return global;
    }

    /**
     * Runs the command with the launcher registered on the class path
     * ({@code META-INF/services/dev.scaletest.cli.ScenarioLauncher}), looked up when first needed.
     */
    public static void main(String[] args) {
        ScenarioLauncher launcher = new InstalledLauncher(ScaletestCommand.class.getClassLoader());
        System.exit(new ScaletestCommand(launcher, CliEnvironment.system()).execute(args));
    }

    /** The version from the jar manifest, {@code dev} when run from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ScaletestCommand.class.getPackage().getImplementationVersion();
            return new String[] {"scaletest " + (version == null ? "dev" : version)};
        }
    }
}
