package dev.scaletest.harness;

/**
 * The exit statuses of every scaletest command, distinct so that CI can tell a slow system from a
 * broken one. The README's exit code table describes these values.
 */
public final class ExitCodes {
    /** Every run passed and every {@code --threshold} held. */
    public static final int OK = 0;
    /** At least one run failed (as Coder's tool exits), or something unexpected went wrong. */
    public static final int RUN_FAILED = 1;
    /** Bad input: flags, values, environment, or a configuration problem found before the run. */
    public static final int BAD_INPUT = 2;
    /** Every run passed but at least one {@code --threshold} failed. */
    public static final int THRESHOLDS_FAILED = 3;
    /** Interrupted (Ctrl-C or SIGTERM), as a shell reports a process ended by SIGINT. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {}
}
