package dev.scaletest.cli;

import dev.scaletest.reports.output.OutputTarget;
import java.nio.file.Path;
import java.util.List;

/** {@code report merge}: combine JSON results of shards into one (histograms add exactly). */
public record ReportMergeConfig(List<Path> inputs, List<OutputTarget> outputs) {

    public ReportMergeConfig {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
