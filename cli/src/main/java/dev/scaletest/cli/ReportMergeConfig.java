package dev.scaletest.cli;

import dev.scaletest.reports.MergeOptions;
import dev.scaletest.reports.output.OutputTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@code report merge}: combine JSON results of shards into one (histograms add exactly).
 *
 * @param options whether missing shards are allowed, and the thresholds judged besides the inputs'
 */
public record ReportMergeConfig(List<Path> inputs, List<OutputTarget> outputs, MergeOptions options) {

    public ReportMergeConfig {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        Objects.requireNonNull(options, "options");
    }
}
