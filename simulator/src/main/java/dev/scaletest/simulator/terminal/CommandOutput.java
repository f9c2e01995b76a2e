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

    /** The default for a command nobody configured: one line naming it, then exit 0. */
    public static CommandOutput simulated(String command) {
        return new CommandOutput(List.of(command + ": simulated"), false);
    }
}
