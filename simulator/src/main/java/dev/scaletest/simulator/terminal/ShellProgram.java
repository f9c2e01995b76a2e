package dev.scaletest.simulator.terminal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A login shell: a prompt, configured or default output for each command line, {@code exit} ends it. */
final class ShellProgram implements TerminalProgram {
    private final String prompt;
    private final Map<String, CommandOutput> commands;
    private Io io;

    ShellProgram(String prompt, Map<String, CommandOutput> commands) {
        this.prompt = prompt;
        this.commands = commands;
    }

    @Override
    public void start(Io io) {
        this.io = io;
        io.print(prompt);
    }

    @Override
    public void line(byte[] line, int length, boolean newline) {
        String command = new String(line, 0, length, StandardCharsets.UTF_8).strip();
        if (command.equals("exit") || command.equals("logout")) {
            io.exit(0);
            return;
        }
        if (!command.isEmpty()) {
            CommandOutput output = commands.getOrDefault(command, CommandOutput.simulated(command));
            for (String outputLine : output.lines()) {
                io.print(outputLine);
                io.print("\n");
            }
        }
        io.print(prompt);
    }

    @Override
    public void interrupt() {
        // A shell survives Ctrl-C; the terminal already echoed ^C and a new line.
        io.print(prompt);
    }

    @Override
    public void endOfInput() {
        io.print("exit\n");
        io.exit(0);
    }
}
