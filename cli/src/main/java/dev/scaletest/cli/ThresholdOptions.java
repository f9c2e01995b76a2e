package dev.scaletest.cli;

import dev.scaletest.reports.thresholds.Threshold;
import dev.scaletest.reports.thresholds.ThresholdParser;
import dev.scaletest.scenarios.ConfigException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;

/** Pass/fail gates judged on the run's results (exit status 3 when one fails). */
public final class ThresholdOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--threshold", descriptionKey = "CODER_SCALETEST_THRESHOLDS", paramLabel = "EXPR",
            description = "A gate judged at the end, such as 'build.run:p95<120s', 'traffic.echo_rtt:p99<250ms', "
                    + "'errors<1%%' or 'delivery>99%%'; exit code 3 when one fails (repeatable; comma-separated in the environment).")
    List<String> thresholds = new ArrayList<>();

    @Option(names = "--abort-on-threshold", descriptionKey = "CODER_SCALETEST_ABORT_ON_THRESHOLD",
            description = "Stop the run as soon as a threshold can no longer hold (errors, late_starts, count or max ceilings).")
    boolean abortOnThreshold;

    List<String> expressions() {
        return RepeatableValues.of(mixee, "--threshold", thresholds);
    }

    /** Parses threshold expressions; a bad one is bad input, found before anything starts. */
    static List<Threshold> parse(List<String> expressions) {
        try {
            return ThresholdParser.parseAll(expressions);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--threshold: " + e.getMessage());
        }
    }
}
