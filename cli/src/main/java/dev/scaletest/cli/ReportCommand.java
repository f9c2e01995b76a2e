package dev.scaletest.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "report", description = "Turn JSON results into reports: render one, merge shards, or print the JSON Schema.",
        subcommands = {ReportRenderCommand.class, ReportMergeCommand.class, ReportSchemaCommand.class})
final class ReportCommand {

    @ParentCommand
    ScaletestCommand root;
}
