package dev.scaletest.cli;

import dev.scaletest.reports.MergeOptions;
import dev.scaletest.reports.output.OutputTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "merge", description = {"Merge the JSON results of the shards of one run into one result (latency histograms add exactly).",
        "The inputs must be every shard of one run, each once (one run id, indexes 0 to COUNT-1); reports without shard metadata"
                + " merge as they are, with a note. The thresholds the shards carry, and --threshold, are judged on the merged whole;"
                + " the exit code is the merged verdict (0 pass, 1 a run failed, 2 not the shards of one run, 3 a threshold failed)."})
final class ReportMergeCommand implements Callable<Integer> {

    @ParentCommand
    ReportCommand report;

    @Parameters(arity = "1..*", paramLabel = "RESULTS.json", description = "JSON results of the shards.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--output", paramLabel = "FORMAT[:PATH]",
            description = "json, html or text, to a file after ':' or to stdout (at most once). Repeatable. Default: json to stdout.")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--allow-incomplete",
            description = "Merge the shards that are there when some of the run's are missing; the result says it is incomplete and which are missing.")
    boolean allowIncomplete;

    @Option(names = "--threshold", paramLabel = "EXPR",
            description = "A gate judged on the merged figures besides those the shards carry, e.g. 'traffic.echo_rtt:p99<250ms' (repeatable).")
    List<String> thresholds = new ArrayList<>();

    @Option(names = "--threshold-file", paramLabel = "FILE",
            description = "Thresholds from a file, one a line (blank lines and # comments skipped), judged with every --threshold.")
    Path thresholdFile;

    @Override
    public Integer call() throws Exception {
        inputs.forEach(ReportInputs::requireReadable);
        List<OutputTarget> targets = outputs.isEmpty() ? List.of(OutputTarget.stdout(OutputTarget.Format.JSON))
                : OutputFlag.parseAll(outputs);
        WritablePaths.checkOutputs(targets);
        MergeOptions options = new MergeOptions(allowIncomplete, ThresholdOptions.parse(ThresholdOptions.withFile(thresholds, thresholdFile)));
        return report.root.launcher().reportMerge(new ReportMergeConfig(inputs, targets, options));
    }
}
