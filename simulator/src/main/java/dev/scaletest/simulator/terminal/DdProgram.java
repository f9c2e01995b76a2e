package dev.scaletest.simulator.terminal;

/** {@code dd if=/dev/stdin of=/dev/stdout|/dev/null}: a tty read returns one line, dd writes it back or drops it. */
final class DdProgram implements TerminalProgram {
    private static final byte[] NEWLINE = {'\n'};
    private final boolean copiesToStdout;
    private Io io;

    DdProgram(boolean copiesToStdout) {
        this.copiesToStdout = copiesToStdout;
    }

    @Override
    public void start(Io io) {
        this.io = io;
    }

    @Override
    public void line(byte[] line, int length, boolean newline) {
        if (copiesToStdout) {
            io.print(line, 0, length);
            if (newline) {
                io.print(NEWLINE, 0, 1);
            }
        }
    }

    @Override
    public void interrupt() {
        io.exit(130);
    }

    @Override
    public void endOfInput() {
        io.exit(0);
    }
}
