package dev.scaletest.cli;

import dev.scaletest.reports.output.OutputTarget;
import java.nio.file.Path;
import java.util.Objects;

/** {@code report render}: turn one JSON results file into an HTML report. */
public record ReportRenderConfig(Path input, OutputTarget output) {

    public ReportRenderConfig {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
    }
}
