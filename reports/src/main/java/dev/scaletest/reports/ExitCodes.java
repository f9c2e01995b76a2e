package dev.scaletest.reports;

/** The command line's exit codes, distinct so that CI can tell a slow system from a broken one. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int RUN_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int THRESHOLDS_FAILED = 3;

    /** For the README. */
    public static final String DESCRIPTION =
            "scaletest exits with 0 when every run passed and every threshold held, 1 when some run failed "
                    + "(as Coder's tool does), 2 on bad input or configuration, and 3 when all runs passed but a "
                    + "threshold failed.";

    private ExitCodes() {}
}
