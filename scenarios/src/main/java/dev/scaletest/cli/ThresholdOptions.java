package dev.scaletest.cli;

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
            description = "A gate such as 'echo_rtt p(95)<200ms' or 'errors rate<0.01' (repeatable; comma-separated in the environment).")
    List<String> thresholds = new ArrayList<>();

    @Option(names = "--abort-on-threshold", descriptionKey = "CODER_SCALETEST_ABORT_ON_THRESHOLD",
            description = "Stop the run as soon as a threshold fails.")
    boolean abortOnThreshold;

    List<String> expressions() {
        return RepeatableValues.of(mixee, "--threshold", thresholds);
    }
}
