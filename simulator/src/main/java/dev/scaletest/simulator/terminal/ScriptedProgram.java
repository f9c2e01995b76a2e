package dev.scaletest.simulator.terminal;

/** A command that prints configured lines and then exits 0 or keeps running until interrupted. */
final class ScriptedProgram implements TerminalProgram {
    private final CommandOutput output;
    private Io io;

    ScriptedProgram(CommandOutput output) {
        this.output = output;
    }

    @Override
    public void start(Io io) {
        this.io = io;
        for (String line : output.lines()) {
            io.print(line);
            io.print("\n");
        }
        if (!output.keepsRunning()) {
            io.exit(0);
        }
    }

    @Override
    public void line(byte[] line, int length, boolean newline) {
        // The command does not read its input; the terminal has echoed it already.
    }

    @Override
    public void interrupt() {
        io.exit(130);
    }

    @Override
    public void endOfInput() {
        // Not reading stdin, so end of input changes nothing.
    }
}
