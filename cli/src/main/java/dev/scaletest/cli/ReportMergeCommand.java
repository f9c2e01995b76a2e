package dev.scaletest.cli;

import dev.scaletest.reports.output.OutputTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "merge", description = "Merge JSON results of several shards into one result (latency histograms add exactly).")
final class ReportMergeCommand implements Callable<Integer> {

    @ParentCommand
    ReportCommand report;

    @Parameters(arity = "1..*", paramLabel = "RESULTS.json", description = "JSON results of the shards.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--output", paramLabel = "FORMAT[:PATH]",
            description = "json, html or text, to a file after ':' or to stdout (at most once). Repeatable. Default: json to stdout.")
    List<String> outputs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        inputs.forEach(ReportInputs::requireReadable);
        List<OutputTarget> targets = outputs.isEmpty() ? List.of(OutputTarget.stdout(OutputTarget.Format.JSON))
                : OutputFlag.parseAll(outputs);
        WritablePaths.checkOutputs(targets);
        return report.root.launcher().reportMerge(new ReportMergeConfig(inputs, targets));
    }
}
