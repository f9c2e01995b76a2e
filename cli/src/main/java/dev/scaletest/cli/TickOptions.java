package dev.scaletest.cli;

import dev.scaletest.traffic.TickPayload;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * What one tick of a traffic stream is: {@code --bytes-per-tick} every {@code --tick-interval}
 * (40 KB/s by default, the rate Coder's docs give for a simulated user), for workspace-traffic and
 * {@code run} alike, read from the same variables; and how long the start of the traffic is
 * measured apart ({@code --warm-up}).
 */
public final class TickOptions {

    @Option(names = "--bytes-per-tick", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_BYTES_PER_TICK",
            defaultValue = "" + TickPayload.MAX_TERMINAL_LENGTH, paramLabel = "N",
            description = "Bytes written per tick, newline included: at least " + TickPayload.MIN_LENGTH
                    + " (web terminal: at most " + TickPayload.MAX_TERMINAL_LENGTH + "). Default: ${DEFAULT-VALUE}.")
    int bytesPerTick;

    @Option(names = "--tick-interval", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_TICK_INTERVAL", defaultValue = "100ms",
            paramLabel = "DURATION", converter = GoDurationConverter.class, description = "Time between writes. Default: ${DEFAULT-VALUE}.")
    Duration tickInterval;

    @Option(names = "--warm-up", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_WARM_UP", defaultValue = "0s",
            paramLabel = "DURATION", converter = GoDurationConverter.class,
            description = "Measure the ticks due in this time after the first one (and after any --ramp-up) apart, as"
                    + " traffic.*.warmup operations: thresholds and headline percentiles then use the steady part only."
                    + " Must be shorter than the traffic. Default: ${DEFAULT-VALUE} (none).")
    Duration warmUp;
}
