package dev.scaletest.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Traces a flag that an error names back to the environment variable that set it: a user who
 * never typed {@code --timeout} but exported {@code CODER_SCALETEST_TIMEOUT} must learn which
 * of the two to fix.
 */
final class FlagOrigins {

    private final CliEnvironment environment;

    FlagOrigins(CliEnvironment environment) {
        this.environment = environment;
    }

    /**
     * {@code message}, followed by "(--flag is set by VARIABLE)" for each flag it names that was not
     * typed in {@code typed} but has its variable ({@link EnvironmentDefaults#variableOf}) set.
     */
    String trace(String message, CommandLine command, List<String> typed) {
        if (message == null) {
            return null;
        }
        Set<String> origins = new LinkedHashSet<>();
        for (CommandSpec spec = command.getCommandSpec(); spec != null; spec = spec.parent()) {
            for (OptionSpec option : spec.options()) {
                String variable = EnvironmentDefaults.variableOf(option);
                String value = variable == null ? null : environment.variable(variable);
                if (value == null || value.isEmpty() || typedAny(option, typed)) {
                    continue;
                }
                for (String name : option.names()) {
                    if (names(message, name)) {
                        origins.add(name + " is set by " + variable);
                    }
                }
            }
        }
        return origins.isEmpty() ? message : stripStop(message) + " (" + String.join("; ", origins) + ")";
    }

    private static boolean typedAny(OptionSpec option, List<String> typed) {
        for (String name : option.names()) {
            for (String arg : typed) {
                if (arg.equals(name) || arg.startsWith(name + "=")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The flag as a whole word: {@code --count} is not named by {@code --cleanup-count} or {@code --counter}. */
    private static boolean names(String message, String flag) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(flag) + "(?![\\w-])").matcher(message).find();
    }

    private static String stripStop(String message) {
        String trimmed = message.strip();
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
