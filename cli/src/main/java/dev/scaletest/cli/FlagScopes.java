package dev.scaletest.cli;

import static java.util.Map.entry;

import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Which commands each root flag applies to: the one table. The root flags are declared once
 * ({@link GlobalOptions} and {@link ShardOptions}, inherited, so that {@code scaletest --url X create-workspaces} and
 * {@code scaletest create-workspaces --url X} both work, as in Coder's CLI); picocli copies them into
 * every subcommand, and {@link #apply} takes them out again where they mean nothing. So
 * {@code scaletest simulator --help} lists the simulator's flags only, and
 * {@code scaletest simulator --url X} is an unknown option.
 */
final class FlagScopes {

    enum Scope {
        /** The root and every command. */
        EVERY_COMMAND,
        /** The root and the commands that run a scenario against a deployment. */
        SCENARIO_COMMANDS
    }

    static final Set<String> SCENARIO_COMMANDS = Set.of("create-workspaces", "workspace-traffic", "cleanup", "run");

    /** Every inherited root flag by its longest name; a flag missing here fails the command line's construction. */
    private static final Map<String, Scope> SCOPES = Map.ofEntries(
            entry("--url", Scope.SCENARIO_COMMANDS),
            entry("--token", Scope.SCENARIO_COMMANDS),
            entry("--header", Scope.SCENARIO_COMMANDS),
            entry("--header-command", Scope.SCENARIO_COMMANDS),
            entry("--no-version-warning", Scope.SCENARIO_COMMANDS),
            entry("--no-feature-warning", Scope.SCENARIO_COMMANDS),
            entry("--global-config", Scope.SCENARIO_COMMANDS),
            entry("--insecure-skip-verify", Scope.SCENARIO_COMMANDS),
            entry("--tls-ca-file", Scope.SCENARIO_COMMANDS),
            entry("--disable-direct-connections", Scope.SCENARIO_COMMANDS),
            entry("--embedded", Scope.SCENARIO_COMMANDS),
            entry("--journal-dir", Scope.SCENARIO_COMMANDS),
            entry("--quiet", Scope.SCENARIO_COMMANDS),
            entry("--progress", Scope.SCENARIO_COMMANDS),
            entry("--shard", Scope.SCENARIO_COMMANDS),
            entry("--shard-count", Scope.SCENARIO_COMMANDS),
            entry("--run-id", Scope.SCENARIO_COMMANDS),
            entry("--verbose", Scope.EVERY_COMMAND),
            entry("--help", Scope.EVERY_COMMAND),
            entry("--version", Scope.EVERY_COMMAND));

    private FlagScopes() {}

    /** Removes from {@code root}'s subcommands, at any depth, the inherited flags that do not apply there. */
    static void apply(CommandLine root) {
        for (CommandLine sub : root.getSubcommands().values()) {
            narrow(sub);
        }
    }

    private static void narrow(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        boolean scenario = SCENARIO_COMMANDS.contains(spec.name());
        for (OptionSpec option : List.copyOf(spec.options())) {
            if (option.inherited() && scope(option) == Scope.SCENARIO_COMMANDS && !scenario) {
                spec.remove(option);
            }
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            narrow(sub);
        }
    }

    private static Scope scope(OptionSpec option) {
        Scope scope = SCOPES.get(option.longestName());
        if (scope == null) {
            throw new IllegalStateException("the root flag " + option.longestName() + " has no scope in FlagScopes");
        }
        return scope;
    }
}
