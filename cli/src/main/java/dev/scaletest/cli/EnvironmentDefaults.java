package dev.scaletest.cli;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from environment variables with Coder's names. Each option names its variable
 * in {@code descriptionKey} (we use no resource bundles, so the key is free for this); an unset or
 * empty variable leaves the annotation's default in place. Repeatable options receive the whole
 * comma-separated value and split it themselves (see {@link RepeatableValues}).
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

    private final CliEnvironment environment;

    EnvironmentDefaults(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The environment variable bound to an option, or null. */
    static String variableOf(ArgSpec arg) {
        if (arg instanceof OptionSpec option) {
            String key = option.descriptionKey();
            // picocli's own help options carry keys like "mixinStandardHelpOptions.help": not variables.
            return key == null || !key.matches("[A-Z][A-Z0-9_]*") ? null : key;
        }
        return null;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        String variable = variableOf(arg);
        if (variable == null) {
            return null;
        }
        String value = environment.variable(variable);
        if (value == null || value.isEmpty()) {
            return arg.defaultValue();
        }
        return value;
    }
}
