package dev.scaletest.simulator.terminal;

import java.util.List;

/**
 * What a simulated command prints: its output lines (each ends with a newline) and whether it then
 * keeps running until interrupted, or exits with status 0.
 */
public record CommandOutput(List<String> lines, boolean keepsRunning) {

    public CommandOutput {
        lines = List.copyOf(lines);
    }

    /**
     * The default for a command nobody configured, then exit 0: {@code echo WORDS} prints its words
     * (as {@code --run-command 'echo hi' --run-expect-output hi} expects of a real shell); anything
     * else prints one line naming it.
     */
    public static CommandOutput simulated(String command) {
        String line = command.strip();
        if (line.equals("echo") || line.startsWith("echo ")) {
            return new CommandOutput(List.of(unquoted(line.substring(4).strip())), false);
        }
        return new CommandOutput(List.of(command + ": simulated"), false);
    }

    /** Words joined by one space, each stripped of a pair of enclosing quotes; no other shell syntax. */
    private static String unquoted(String words) {
        if (words.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String word : words.split("\\s+")) {
            boolean quoted = word.length() >= 2 && (word.charAt(0) == '"' || word.charAt(0) == '\'')
                    && word.charAt(word.length() - 1) == word.charAt(0);
            out.append(out.isEmpty() ? "" : " ").append(quoted ? word.substring(1, word.length() - 1) : word);
        }
        return out.toString();
    }
}
