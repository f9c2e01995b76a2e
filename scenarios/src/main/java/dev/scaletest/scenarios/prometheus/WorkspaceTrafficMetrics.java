package dev.scaletest.scenarios.prometheus;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;

/**
 * Coder's workspace-traffic metrics, same names, labels and buckets (Prometheus defaults), plus
 * scaletest's echo round trip. Registered on the Prometheus registry under the Micrometer one so
 * the names come out exactly as Coder's: Micrometer meters would add a {@code _max} series to every
 * histogram. Exemplars are off: Micrometer leaves out the tracing bridge they need, and Coder has none.
 */
public final class WorkspaceTrafficMetrics {
    public static final String BYTES_READ = "coderd_scaletest_bytes_read_total";
    public static final String BYTES_WRITTEN = "coderd_scaletest_bytes_written_total";
    public static final String READ_ERRORS = "coderd_scaletest_read_errors_total";
    public static final String WRITE_ERRORS = "coderd_scaletest_write_errors_total";
    public static final String READ_LATENCY = "coderd_scaletest_read_latency_seconds";
    public static final String WRITE_LATENCY = "coderd_scaletest_write_latency_seconds";
    /** Ours: echo round trip measured from the intended send time. */
    public static final String ECHO_ROUND_TRIP = "scaletest_echo_round_trip_seconds";

    private static final String[] LABELS = {"username", "workspace_name", "agent_name"};

    private final Counter bytesRead;
    private final Counter bytesWritten;
    private final Counter readErrors;
    private final Counter writeErrors;
    private final Histogram readLatency;
    private final Histogram writeLatency;
    private final Histogram echoRoundTrip;

    public WorkspaceTrafficMetrics(PrometheusMeterRegistry registry) {
        PrometheusRegistry target = registry.getPrometheusRegistry();
        bytesRead = Counter.builder().name(BYTES_READ).labelNames(LABELS).withoutExemplars().register(target);
        bytesWritten = Counter.builder().name(BYTES_WRITTEN).labelNames(LABELS).withoutExemplars().register(target);
        readErrors = Counter.builder().name(READ_ERRORS).labelNames(LABELS).withoutExemplars().register(target);
        writeErrors = Counter.builder().name(WRITE_ERRORS).labelNames(LABELS).withoutExemplars().register(target);
        readLatency = Histogram.builder().name(READ_LATENCY).labelNames(LABELS).classicOnly().withoutExemplars().register(target);
        writeLatency = Histogram.builder().name(WRITE_LATENCY).labelNames(LABELS).classicOnly().withoutExemplars().register(target);
        echoRoundTrip = Histogram.builder().name(ECHO_ROUND_TRIP)
                .help("Echo round trip from the intended send time to the echo's arrival")
                .labelNames(LABELS).classicOnly().withoutExemplars().register(target);
    }

    /**
     * The series of one stream, created at once as Coder does when a run starts: counters at 0 and
     * one 0-second observation in the read and write latency histograms.
     *
     * <p>The write-error series stays at 0, as it does in Coder: its client counts a write error only
     * when a write fails with a WebSocket close error, and the WebSocket library of current Coder
     * releases fails a write on a closed connection with "use of closed network connection" instead
     * (an SSH stream's pipes never give close errors at all).
     */
    public StreamMetrics stream(String username, String workspaceName, String agentName) {
        writeErrors.labelValues(username, workspaceName, agentName);
        StreamMetrics stream = new StreamMetrics(
                bytesRead.labelValues(username, workspaceName, agentName),
                bytesWritten.labelValues(username, workspaceName, agentName),
                readErrors.labelValues(username, workspaceName, agentName),
                readLatency.labelValues(username, workspaceName, agentName),
                writeLatency.labelValues(username, workspaceName, agentName),
                echoRoundTrip.labelValues(username, workspaceName, agentName));
        stream.readLatency(Duration.ZERO);
        stream.writeLatency(Duration.ZERO);
        return stream;
    }
}
