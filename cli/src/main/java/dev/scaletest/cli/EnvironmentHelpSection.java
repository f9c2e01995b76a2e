package dev.scaletest.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Adds an "Environment:" section to every command's help, listing the variable behind each flag,
 * built from the same option metadata the {@link EnvironmentDefaults} provider reads.
 */
final class EnvironmentHelpSection {

    static final String KEY = "environment";

    private EnvironmentHelpSection() {}

    static void install(CommandLine commandLine) {
        // Subcommands inherit the root's usage settings (scope INHERIT), section keys included.
        List<String> keys = new ArrayList<>(commandLine.getHelpSectionKeys());
        if (!keys.contains(KEY)) {
            keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), KEY);
            commandLine.setHelpSectionKeys(keys);
        }
        commandLine.getHelpSectionMap().put(KEY, help -> render(help.commandSpec().options()));
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            install(sub);
        }
    }

    private static String render(List<OptionSpec> options) {
        StringBuilder text = new StringBuilder();
        int width = 0;
        for (OptionSpec option : options) {
            if (EnvironmentDefaults.variableOf(option) != null) {
                width = Math.max(width, option.longestName().length());
            }
        }
        for (OptionSpec option : options) {
            String variable = EnvironmentDefaults.variableOf(option);
            if (variable != null) {
                text.append("  ").append(String.format("%-" + width + "s", option.longestName())).append("  ").append(variable).append('\n');
            }
        }
        return text.isEmpty() ? "" : "%nEnvironment:%n".formatted() + text;
    }
}
