package dev.scaletest.reports;

import dev.scaletest.harness.ExitCodes;
import dev.scaletest.reports.thresholds.ThresholdOutcome;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a test. A failed run outweighs a failed threshold, as exit code 1 outweighs 3.
 */
public enum Verdict {
    PASS,
    FAIL,
    THRESHOLDS_FAILED;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Verdict fromJson(String text) {
        for (Verdict v : values()) {
            if (v.json().equals(text)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict \"" + text + "\"; expected pass, fail or thresholds_failed");
    }

    public static Verdict of(int failedRuns, List<ThresholdOutcome> thresholds) {
        if (failedRuns > 0) {
            return FAIL;
        }
        return thresholds.stream().allMatch(ThresholdOutcome::passed) ? PASS : THRESHOLDS_FAILED;
    }

    /** The exit code the command line ends with for this verdict. */
    public int exitCode() {
        return switch (this) {
            case PASS -> ExitCodes.OK;
            case FAIL -> ExitCodes.RUN_FAILED;
            case THRESHOLDS_FAILED -> ExitCodes.THRESHOLDS_FAILED;
        };
    }
}
