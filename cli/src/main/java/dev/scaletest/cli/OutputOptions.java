package dev.scaletest.cli;

import dev.scaletest.reports.output.OutputTarget;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;

/** Coder's output flag group, with {@code html} added to the formats. */
public final class OutputOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--output", descriptionKey = "CODER_SCALETEST_OUTPUTS", paramLabel = "FORMAT[:PATH]",
            description = "Where to write results: text, json or html, to a file after ':' or to stdout (no path or '-'; at most once). Repeatable. Default: text.")
    List<String> outputs = new ArrayList<>();

    /** The targets, each file target checked writable ({@link WritablePaths}). */
    List<OutputTarget> toTargets() {
        List<OutputTarget> targets = OutputFlag.parseAll(RepeatableValues.of(mixee, "--output", outputs));
        WritablePaths.checkOutputs(targets);
        return targets;
    }
}
