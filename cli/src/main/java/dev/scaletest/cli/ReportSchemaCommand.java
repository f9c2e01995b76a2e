package dev.scaletest.cli;

import dev.scaletest.harness.ExitCodes;
import dev.scaletest.reports.ReportSchema;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "schema", description = "Print the JSON Schema of the fields scaletest adds to Coder's JSON results.")
final class ReportSchemaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String schema = ReportSchema.text();
        out.print(schema.endsWith("\n") ? schema : schema + "\n");
        out.flush();
        return ExitCodes.OK;
    }
}
