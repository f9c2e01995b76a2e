package dev.scaletest.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Values of a repeatable option: as given when the flag appears on the command line (never split,
 * so a value may contain commas), otherwise the environment default split on commas, as Coder
 * reads string-array variables.
 */
final class RepeatableValues {

    private RepeatableValues() {}

    static List<String> of(CommandSpec spec, String optionName, List<String> parsed) {
        if (parsed == null || parsed.isEmpty()) {
            return List.of();
        }
        if (onCommandLine(spec, optionName)) {
            return List.copyOf(parsed);
        }
        List<String> split = new ArrayList<>();
        for (String value : parsed) {
            for (String part : value.split(",")) {
                String trimmed = part.trim();
                if (!trimmed.isEmpty()) {
                    split.add(trimmed);
                }
            }
        }
        return List.copyOf(split);
    }

    /** Inherited options may be matched on the subcommand or on any parent command. */
    private static boolean onCommandLine(CommandSpec spec, String optionName) {
        for (CommandSpec current = spec; current != null; current = current.parent()) {
            OptionSpec option = current.findOption(optionName);
            if (option != null && current.commandLine() != null && current.commandLine().getParseResult() != null
                    && current.commandLine().getParseResult().hasMatchedOption(optionName)) {
                return true;
            }
        }
        return false;
    }
}
