package dev.scaletest.cli;

import dev.scaletest.reports.thresholds.Threshold;
import dev.scaletest.reports.thresholds.ThresholdFile;
import dev.scaletest.reports.thresholds.ThresholdParser;
import dev.scaletest.scenarios.ConfigException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
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

    @Option(names = "--threshold-file", descriptionKey = "CODER_SCALETEST_THRESHOLD_FILE", paramLabel = "FILE",
            description = "Thresholds from a file, one a line (blank lines and # comments skipped), judged with every --threshold.")
    Path thresholdFile;

    @Option(names = "--abort-on-threshold", descriptionKey = "CODER_SCALETEST_ABORT_ON_THRESHOLD",
            description = "Stop the run as soon as a threshold can no longer hold (errors, late_starts, count or max ceilings).")
    boolean abortOnThreshold;

    /** Every {@code --threshold}, then the lines of {@code --threshold-file}. */
    List<String> expressions() {
        return withFile(RepeatableValues.of(mixee, "--threshold", thresholds), thresholdFile);
    }

    /**
     * {@code expressions} followed by the thresholds in {@code file} (none when null); a line that
     * does not parse is bad input naming {@code FILE:LINE}.
     */
    static List<String> withFile(List<String> expressions, Path file) {
        if (file == null) {
            return expressions;
        }
        List<String> all = new ArrayList<>(expressions);
        try {
            all.addAll(ThresholdFile.read(file));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--threshold-file " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException("--threshold-file " + file + ": cannot read it: " + e.getMessage());
        }
        return List.copyOf(all);
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
