package dev.scaletest.simulator.terminal;

import java.util.List;
import java.util.Map;

/**
 * A command line as the simulator understands it: the login shell, the {@code dd} family the
 * traffic scenarios run, or anything else (which prints configured output).
 */
public sealed interface SimulatedCommand {

    /** {@code dd if=/dev/stdin of=/dev/stdout|/dev/null ...}: copies stdin to stdout, or discards it. */
    record Dd(boolean copiesToStdout) implements SimulatedCommand {}

    /** An empty command: an interactive login shell. */
    record LoginShell() implements SimulatedCommand {}

    /** Any other command line. */
    record Scripted(String commandLine, CommandOutput output) implements SimulatedCommand {}

    /** Configured outputs win over the built-in meaning of a command line. */
    static SimulatedCommand parse(String commandLine, Map<String, CommandOutput> configured) {
        String line = commandLine == null ? "" : commandLine.strip();
        if (line.isEmpty()) {
            return new LoginShell();
        }
        CommandOutput output = configured.get(line);
        if (output != null) {
            return new Scripted(line, output);
        }
        List<String> words = List.of(line.split("\\s+"));
        if (words.getFirst().equals("dd") && words.contains("if=/dev/stdin")) {
            if (words.contains("of=/dev/stdout")) {
                return new Dd(true);
            }
            if (words.contains("of=/dev/null")) {
                return new Dd(false);
            }
        }
        return new Scripted(line, CommandOutput.simulated(line));
    }
}
