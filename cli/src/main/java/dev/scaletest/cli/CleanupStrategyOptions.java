package dev.scaletest.cli;

import dev.scaletest.scenarios.StrategyConfig;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Coder's cleanup strategy flag group. */
public final class CleanupStrategyOptions {

    /** Coder's default: one cleanup job at a time. */
    static final int CODER_DEFAULT_CONCURRENCY = 1;

    // No annotation default: an unset flag is told apart from an explicit 1 (see toConfig).
    @Option(names = "--cleanup-concurrency", descriptionKey = "CODER_SCALETEST_CLEANUP_CONCURRENCY", paramLabel = "N",
            description = "Number of concurrent cleanup jobs: 1 one after another, 0 all at once. "
                    + "Default: 1 (as Coder's); with --embedded, and always in 'run', the value of --concurrency.")
    Integer concurrency;

    @Option(names = "--cleanup-timeout", descriptionKey = "CODER_SCALETEST_CLEANUP_TIMEOUT", defaultValue = "30m", paramLabel = "DURATION",
            converter = GoDurationConverter.class,
            description = "Deadline for the whole cleanup phase (0 = none). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--cleanup-job-timeout", descriptionKey = "CODER_SCALETEST_CLEANUP_JOB_TIMEOUT", defaultValue = "5m", paramLabel = "DURATION",
            converter = GoDurationConverter.class,
            description = "Deadline for each cleanup job (0 = none). Default: ${DEFAULT-VALUE}.")
    Duration jobTimeout;

    StrategyConfig toConfig() {
        return toConfig(false, CODER_DEFAULT_CONCURRENCY);
    }

    /**
     * With {@code followRun} (the flag {@code --embedded}, and {@code run}, whose cleanup always
     * follows its traffic) an unset cleanup concurrency follows the run's: deleting a thousand
     * workspaces one by one would hold the run for minutes for nothing it measures.
     */
    StrategyConfig toConfig(boolean followRun, int runConcurrency) {
        int chosen = concurrency != null ? concurrency : followRun ? runConcurrency : CODER_DEFAULT_CONCURRENCY;
        return StrategyConfig.cleanup(chosen, timeout, jobTimeout);
    }
}
