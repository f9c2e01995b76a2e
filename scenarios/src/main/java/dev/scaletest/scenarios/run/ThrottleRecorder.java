package dev.scaletest.scenarios.run;

import dev.scaletest.coder.wire.ThrottleListener;
import dev.scaletest.metrics.OperationMetrics;
import dev.scaletest.reports.MetricNames;
import dev.scaletest.reports.ThrottleTallies;
import java.time.Duration;

/**
 * Records how coderd's rate limits slowed a session's clients: per route for the report's
 * {@code throttling} field, and as metrics ({@code api.throttled} counts 429s, {@code api.throttle_wait}
 * has one sample per pause) for the time series.
 */
final class ThrottleRecorder implements ThrottleListener {
    private final ThrottleTallies tallies;
    private final OperationMetrics metrics;

    ThrottleRecorder(ThrottleTallies tallies, OperationMetrics metrics) {
        this.tallies = tallies;
        this.metrics = metrics;
    }

    @Override
    public void throttled(String route) {
        tallies.response(route);
        metrics.counter(MetricNames.THROTTLED).increment();
    }

    @Override
    public void retried(String route) {
        tallies.retried(route);
    }

    @Override
    public void foundExisting(String route) {
        tallies.foundExisting(route);
    }

    @Override
    public void waited(String route, Duration pause) {
        tallies.waited(route, pause);
        metrics.latency(MetricNames.THROTTLE_WAIT).record(pause);
    }
}
