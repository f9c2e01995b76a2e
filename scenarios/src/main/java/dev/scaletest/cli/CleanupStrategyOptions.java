package dev.scaletest.cli;

import dev.scaletest.scenarios.StrategyConfig;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Coder's cleanup strategy flag group. */
public final class CleanupStrategyOptions {

    @Option(names = "--cleanup-concurrency", descriptionKey = "CODER_SCALETEST_CLEANUP_CONCURRENCY", defaultValue = "1", paramLabel = "N",
            description = "Number of concurrent cleanup jobs: 1 one after another, 0 all at once. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--cleanup-timeout", descriptionKey = "CODER_SCALETEST_CLEANUP_TIMEOUT", defaultValue = "30m", paramLabel = "DURATION",
            converter = GoDurationConverter.class,
            description = "Deadline for the whole cleanup phase (0 = none). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--cleanup-job-timeout", descriptionKey = "CODER_SCALETEST_CLEANUP_JOB_TIMEOUT", defaultValue = "5m", paramLabel = "DURATION",
            converter = GoDurationConverter.class,
            description = "Deadline for each cleanup job (0 = none). Default: ${DEFAULT-VALUE}.")
    Duration jobTimeout;

    StrategyConfig toConfig() {
        return StrategyConfig.cleanup(concurrency, timeout, jobTimeout);
    }
}
