package dev.scaletest.simulator.terminal;

/** The process running on a simulated pty: it reads whole lines (canonical mode) and writes output. */
interface TerminalProgram {

    /** What a program can do to the terminal. */
    interface Io {
        /** Writes process output; the terminal turns {@code \n} into {@code \r\n} as a tty with onlcr. */
        void print(byte[] bytes, int offset, int length);

        void print(String text);

        /** The process ends; the web terminal closes once the output is sent. */
        void exit(int status);
    }

    void start(Io io);

    /** A line the terminal delivers to a reading process; {@code newline} is false for a Ctrl-D flush. */
    void line(byte[] line, int length, boolean newline);

    /** Ctrl-C or Ctrl-\: the foreground process gets a signal. */
    void interrupt();

    /** Ctrl-D at the start of a line: the reading process sees end of input. */
    void endOfInput();

    static TerminalProgram of(SimulatedCommand command, String prompt, java.util.Map<String, CommandOutput> commands) {
        return switch (command) {
            case SimulatedCommand.Dd dd -> new DdProgram(dd.copiesToStdout());
            case SimulatedCommand.LoginShell shell -> new ShellProgram(prompt, commands);
            case SimulatedCommand.Scripted scripted -> new ScriptedProgram(scripted.output());
        };
    }
}
