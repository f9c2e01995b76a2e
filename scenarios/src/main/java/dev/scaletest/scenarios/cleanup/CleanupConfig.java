package dev.scaletest.scenarios.cleanup;

import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.StrategyConfig;

import java.nio.file.Files;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code cleanup}: delete scaletest workspaces (optionally only those of {@code template}), then
 * scaletest users. With {@code journal} it deletes exactly what that run's journal recorded.
 */
public record CleanupConfig(Optional<String> template, StrategyConfig cleanupStrategy, Optional<Path> journal) {

    public CleanupConfig {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(cleanupStrategy, "cleanupStrategy");
        Objects.requireNonNull(journal, "journal");
    }

    public CleanupConfig validate() {
        journal.ifPresent(dir -> {
            if (!Files.isDirectory(dir)) {
                throw new ConfigException("--journal " + dir + ": no such directory (pass a run directory under ./scaletest-runs/)");
            }
        });
        cleanupStrategy.validate();
        return this;
    }
}
