package dev.scaletest.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "report", description = "Turn JSON results into reports: render one, or merge shards.",
        subcommands = {ReportRenderCommand.class, ReportMergeCommand.class})
final class ReportCommand {

    @ParentCommand
    ScaletestCommand root;
}
