package dev.scaletest.reports;

import java.util.List;

/**
 * The metric names reports look for in a {@link dev.scaletest.metrics.MetricsSnapshot}. Scenarios
 * record under these names; anything else is still reported (operations, time series) but gets no
 * special meaning.
 */
public final class MetricNames {
    /** Payload bytes the traffic streams wrote. */
    public static final String TRAFFIC_BYTES_WRITTEN = "traffic.bytes_written";
    /** Payload bytes the traffic streams read back. */
    public static final String TRAFFIC_BYTES_READ = "traffic.bytes_read";
    /** Bytes the send plans called for up to the end of the run (rate times time, per stream). */
    public static final String TRAFFIC_BYTES_TARGET = "traffic.bytes_target";
    /** Streams opened (first connections, not reconnects). */
    public static final String TRAFFIC_STREAMS = "traffic.streams";
    /** Reconnections after a stream dropped. */
    public static final String TRAFFIC_RECONNECTS = "traffic.reconnects";
    /** Workspaces whose first build succeeded. */
    public static final String WORKSPACES_CREATED = "workspaces.created";
    /** Workspaces whose build succeeded and whose agents connected (or, with --no-wait-for-agents, built). */
    public static final String WORKSPACES_READY = "workspaces.ready";
    /** Arrival-rate starts that began later than planned (k6's dropped_iterations analogue). */
    public static final String LATE_STARTS = "arrival.late_starts";
    /** coderd's 429 answers (rate limited), on any route. */
    public static final String THROTTLED = "api.throttled";

    /** Gauge: streams open right now. */
    public static final String STREAMS_ACTIVE = "traffic.streams_active";
    /** Gauge: workspace builds queued or running right now. */
    public static final String BUILDS_IN_FLIGHT = "build.in_flight";

    /** Operation: one sample per pause waiting out a 429, as long as the pause. */
    public static final String THROTTLE_WAIT = "api.throttle_wait";

    /** Echo round trip measured from the intended send time. */
    public static final String ECHO_RTT = "traffic.echo_rtt";
    /** Suffix of the uncorrected twin of a coordinated-omission-corrected operation. */
    public static final String UNCORRECTED_SUFFIX = ".uncorrected";
    /** Marks what a traffic operation measured during {@code --warm-up}, kept apart from the steady part. */
    public static final String WARM_UP_MARK = ".warmup";

    /** The steps of a workspace's life, in order, for the lifecycle breakdown. */
    public static final List<String> LIFECYCLE = List.of(
            "user.create", "workspace.create", "build.queue", "build.run", "agent.connect");

    /**
     * The name under which {@code operation} is recorded during the warm-up:
     * {@code traffic.echo_rtt.warmup}, and {@code traffic.echo_rtt.warmup.uncorrected} for the
     * uncorrected twin, so the twin still ends in {@link #UNCORRECTED_SUFFIX}.
     */
    public static String warmUp(String operation) {
        return operation.endsWith(UNCORRECTED_SUFFIX)
                ? operation.substring(0, operation.length() - UNCORRECTED_SUFFIX.length()) + WARM_UP_MARK + UNCORRECTED_SUFFIX
                : operation + WARM_UP_MARK;
    }

    private MetricNames() {}
}
