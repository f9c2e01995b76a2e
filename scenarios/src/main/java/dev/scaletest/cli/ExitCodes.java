package dev.scaletest.cli;

/** Process exit statuses of every scaletest command. */
public final class ExitCodes {
    /** Everything ran and passed. */
    public static final int OK = 0;
    /** At least one run failed, or something unexpected went wrong. */
    public static final int RUN_FAILED = 1;
    /** Bad input: flags, values, environment, or a config problem found at run time. */
    public static final int USAGE = 2;
    /** Runs passed but at least one {@code --threshold} failed. */
    public static final int THRESHOLDS_FAILED = 3;

    private ExitCodes() {}
}
