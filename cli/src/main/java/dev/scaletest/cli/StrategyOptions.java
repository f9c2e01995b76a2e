package dev.scaletest.cli;

import dev.scaletest.scenarios.StrategyConfig;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Coder's strategy flag group, plus our pacing flags {@code --rate} and {@code --ramp-up}. The
 * concurrency default is the field's initial value (picocli shows it as the default), so a command
 * can pick its own: workspace-traffic streams for the whole --timeout, so one-at-a-time would be a trap.
 */
public final class StrategyOptions {

    @Option(names = "--concurrency", descriptionKey = "CODER_SCALETEST_CONCURRENCY", paramLabel = "N",
            description = "Number of concurrent jobs: 1 runs them one after another, 0 runs all at once. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--timeout", descriptionKey = "CODER_SCALETEST_TIMEOUT", defaultValue = "30m", paramLabel = "DURATION",
            converter = GoDurationConverter.class,
            description = "Deadline for the whole run phase (0 = none). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--job-timeout", descriptionKey = "CODER_SCALETEST_JOB_TIMEOUT", defaultValue = "5m", paramLabel = "DURATION",
            converter = GoDurationConverter.class,
            description = "Deadline for each job (0 = none). Default: ${DEFAULT-VALUE}.")
    Duration jobTimeout;

    @Option(names = "--rate", descriptionKey = "CODER_SCALETEST_RATE", paramLabel = "N/s", converter = RateConverter.class,
            description = "Start jobs at this rate (N/s, N/m or N/h, e.g. 50/s) instead of as fast as --concurrency allows.")
    Double rate;

    @Option(names = "--ramp-up", descriptionKey = "CODER_SCALETEST_RAMP_UP", defaultValue = "0s", paramLabel = "DURATION",
            converter = GoDurationConverter.class,
            description = "Raise the start rate linearly from 0 to --rate over this time. Default: ${DEFAULT-VALUE}.")
    Duration rampUp;

    /** Coder's default: one job after another. */
    public StrategyOptions() {
        this(1);
    }

    StrategyOptions(int defaultConcurrency) {
        this.concurrency = defaultConcurrency;
    }

    int concurrency() {
        return concurrency;
    }

    StrategyConfig toConfig() {
        return StrategyConfig.run(concurrency, timeout, jobTimeout,
                rate == null ? OptionalDouble.empty() : OptionalDouble.of(rate), rampUp);
    }
}
