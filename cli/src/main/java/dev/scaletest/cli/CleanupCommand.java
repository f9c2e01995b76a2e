package dev.scaletest.cli;

import dev.scaletest.scenarios.cleanup.CleanupConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "cleanup", description = "Cleanup scaletest workspaces, then cleanup scaletest users.")
final class CleanupCommand implements Callable<Integer> {

    @ParentCommand
    ScaletestCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--template", descriptionKey = "CODER_SCALETEST_CLEANUP_TEMPLATE", paramLabel = "NAME|ID",
            description = "Only delete workspaces of this template.")
    String template;

    @Option(names = "--journal", descriptionKey = "CODER_SCALETEST_CLEANUP_JOURNAL", paramLabel = "DIR",
            description = "Delete exactly what the run with this journal directory created, e.g. scaletest-runs/<run-id>")
    Path journal;

    @Mixin
    CleanupStrategyOptions cleanupStrategy;

    @Override
    public Integer call() throws Exception {
        Optional<String> templateValue = template == null || template.isBlank() ? Optional.empty() : Optional.of(template.trim());
        CleanupConfig config = new CleanupConfig(templateValue, cleanupStrategy.toConfig(), Optional.ofNullable(journal)).validate();
        CommonOptions common = root.global().resolve(spec, root.environment(), spec.commandLine().getErr(), root.shards(), List.of(), List.of(), false);
        return root.launcher().cleanup(config, common);
    }
}
