package dev.scaletest.simulator.terminal;

/**
 * A Linux tty in its default mode (icanon, echo, echoe, echok, echoctl, echoke, isig, icrnl, onlcr)
 * as far as terminal traffic can observe it: every byte echoed, lines delivered to the program on
 * newline, at most 4095 characters held per line, control characters echoed as {@code ^X}.
 * Not thread-safe: owned by the session's event loop.
 */
final class LineDiscipline {
    /** Linux holds N_TTY_BUF_SIZE - 1 characters of a canonical line. */
    static final int MAX_LINE = 4095;

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] ERASE = {'\b', ' ', '\b'};

    /** Where echo goes: straight to the terminal output (already post-processed). */
    interface Echo {
        void echo(byte[] bytes, int offset, int length);

        void echo(byte b);
    }

    private final Echo echo;
    private final TerminalProgram program;
    private final byte[] line = new byte[MAX_LINE];
    private int length;
    private final byte[] controlPair = {'^', 0};

    LineDiscipline(Echo echo, TerminalProgram program) {
        this.echo = echo;
        this.program = program;
    }

    /**
     * Handles the input from {@code from}: a run of ordinary characters in bulk (the common case
     * for terminal traffic), else one special character. Returns where to continue.
     */
    int receive(byte[] bytes, int from, int to) {
        int run = ByteClasses.firstSpecial(bytes, from, to);
        if (run == from) {
            receive(bytes[from]);
            return from + 1;
        }
        int count = run - from;
        echo.echo(bytes, from, count);
        int kept = Math.min(count, MAX_LINE - length);
        if (kept > 0) {
            System.arraycopy(bytes, from, line, length, kept);
            length += kept;
        }
        return run;
    }

    void receive(byte b) {
        int c = b & 0xff;
        if (c == '\r') {
            c = '\n';
        }
        switch (c) {
            case '\n' -> {
                echo.echo(CRLF, 0, 2);
                int delivered = length;
                length = 0;
                program.line(line, delivered, true);
            }
            case 0x03, 0x1c -> {
                echoControl(c);
                echo.echo(CRLF, 0, 2);
                length = 0;
                program.interrupt();
            }
            case 0x04 -> {
                if (length == 0) {
                    program.endOfInput();
                } else {
                    int delivered = length;
                    length = 0;
                    program.line(line, delivered, false);
                }
            }
            case 0x7f -> {
                if (length > 0) {
                    eraseLast();
                }
            }
            case 0x15 -> {
                while (length > 0) {
                    eraseLast();
                }
            }
            case 0x17 -> {
                while (length > 0 && isBlank(line[length - 1])) {
                    eraseLast();
                }
                while (length > 0 && !isBlank(line[length - 1])) {
                    eraseLast();
                }
            }
            default -> {
                if (c < 0x20 && c != '\t') {
                    echoControl(c);
                } else {
                    echo.echo(b);
                }
                if (length < MAX_LINE) {
                    line[length++] = b;
                }
            }
        }
    }

    private void eraseLast() {
        byte erased = line[--length];
        int c = erased & 0xff;
        if (c < 0x20 && c != '\t') {
            echo.echo(ERASE, 0, 3);
        }
        echo.echo(ERASE, 0, 3);
    }

    private void echoControl(int c) {
        controlPair[1] = (byte) (c + 0x40);
        echo.echo(controlPair, 0, 2);
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }
}
