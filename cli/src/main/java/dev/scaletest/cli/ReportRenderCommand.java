package dev.scaletest.cli;

import dev.scaletest.reports.output.OutputTarget;
import dev.scaletest.scenarios.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "render", description = "Render a JSON results file as an HTML report.")
final class ReportRenderCommand implements Callable<Integer> {

    @ParentCommand
    ReportCommand report;

    @Parameters(index = "0", paramLabel = "RESULTS.json", description = "JSON results written with --output json:PATH.")
    Path input;

    @Option(names = "--output", paramLabel = "html[:PATH]",
            description = "Where to write the report (default: html:<RESULTS>.html next to the input; '-' or no path = stdout).")
    String output;

    @Override
    public Integer call() throws Exception {
        ReportInputs.requireReadable(input);
        OutputTarget target = output == null ? defaultTarget(input) : OutputFlag.parseAll(List.of(output)).getFirst();
        if (target.format() != OutputTarget.Format.HTML) {
            throw new ConfigException("report render writes HTML: use --output html:PATH");
        }
        WritablePaths.checkOutputs(List.of(target));
        return report.root.launcher().reportRender(new ReportRenderConfig(input, target));
    }

    static OutputTarget defaultTarget(Path input) {
        String name = input.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return new OutputTarget(OutputTarget.Format.HTML, Optional.of(input.resolveSibling(stem + ".html")));
    }
}

/** Checks shared by the report commands. */
final class ReportInputs {
    private ReportInputs() {}

    static void requireReadable(Path input) {
        if (!Files.isRegularFile(input)) {
            throw new ConfigException(input + ": no such results file");
        }
    }
}
