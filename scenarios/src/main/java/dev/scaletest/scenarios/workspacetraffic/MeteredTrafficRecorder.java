package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.errors.ErrorClass;
import dev.scaletest.metrics.EventCounter;
import dev.scaletest.metrics.LatencyRecorder;
import dev.scaletest.metrics.OperationMetrics;
import dev.scaletest.reports.ErrorTallies;
import dev.scaletest.reports.MetricNames;
import dev.scaletest.scenarios.prometheus.StreamMetrics;
import dev.scaletest.traffic.StreamFailure;
import dev.scaletest.traffic.TrafficRecorder;
import dev.scaletest.traffic.WarmUpWindow;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * Feeds one stream's measurements into the run's metrics (shared latency histograms and counters)
 * and into the stream's Prometheus series under Coder's names, with Coder's meaning: read latency is
 * the wait for each chunk ({@link TrafficRecorder#readLatency}), write latency the time of each
 * write, read errors only the closes Coder counts ({@link #countsAsReadError}). Errors of every
 * kind are tallied by class for the reports; their messages reach the tallies when the run ends
 * with a {@code StreamFailure}. With a warm-up, a tick due within it has its latencies recorded
 * under the warm-up names ({@link MetricNames#warmUp}); bytes and errors count for the whole run.
 */
public final class MeteredTrafficRecorder implements TrafficRecorder {
    /** Time from a tick's write call to its bytes reaching the socket (Coder's write latency). */
    public static final String WRITE_LATENCY = "traffic.write_latency";
    /** How late each tick was sent against its plan. */
    public static final String SEND_LATENESS = "traffic.send_lateness";
    private static final int NORMAL_CLOSURE = 1000;
    private static final int GOING_AWAY = 1001;

    private final TickLatencies steady;
    /** Null without a warm-up, so a run without one records no warm-up operations at all. */
    private final TickLatencies warmUp;
    private final WarmUpWindow window;
    private final EventCounter bytesWritten;
    private final EventCounter bytesRead;
    private final EventCounter reconnects;
    private final StreamMetrics stream;
    private final ErrorTallies errors;
    private final String runId;
    // The tick in flight: one per stream at a time, its echo and write completion come after its start.
    private volatile TickLatencies current;

    /** The latencies a tick is measured by, under the steady names or the warm-up ones. */
    private record TickLatencies(LatencyRecorder echoRtt, LatencyRecorder echoRttUncorrected, LatencyRecorder sendLateness,
            LatencyRecorder writeLatency) {
        static TickLatencies named(OperationMetrics metrics, UnaryOperator<String> naming) {
            return new TickLatencies(metrics.latency(naming.apply(MetricNames.ECHO_RTT)),
                    metrics.latency(naming.apply(MetricNames.ECHO_RTT + MetricNames.UNCORRECTED_SUFFIX)),
                    metrics.latency(naming.apply(SEND_LATENESS)), metrics.latency(naming.apply(WRITE_LATENCY)));
        }
    }

    public MeteredTrafficRecorder(OperationMetrics metrics, StreamMetrics stream, ErrorTallies errors, String runId) {
        this(metrics, stream, errors, runId, WarmUpWindow.NONE);
    }

    /** @param window the phase's warm-up, shared by its streams: ticks due within it go under the warm-up names */
    public MeteredTrafficRecorder(OperationMetrics metrics, StreamMetrics stream, ErrorTallies errors, String runId,
            WarmUpWindow window) {
        this.steady = TickLatencies.named(metrics, UnaryOperator.identity());
        this.warmUp = window.active() ? TickLatencies.named(metrics, MetricNames::warmUp) : null;
        this.window = window;
        this.current = steady;
        this.bytesWritten = metrics.counter(MetricNames.TRAFFIC_BYTES_WRITTEN);
        this.bytesRead = metrics.counter(MetricNames.TRAFFIC_BYTES_READ);
        this.reconnects = metrics.counter(MetricNames.TRAFFIC_RECONNECTS);
        this.stream = stream;
        this.errors = errors;
        this.runId = runId;
    }

    @Override
    public void tickStarted(long intendedNanos) {
        if (warmUp != null) {
            current = window.covers(intendedNanos) ? warmUp : steady;
        }
    }

    @Override
    public void echo(long correctedNanos, long uncorrectedNanos) {
        TickLatencies tick = current;
        tick.echoRtt().recordNanos(correctedNanos);
        tick.echoRttUncorrected().recordNanos(uncorrectedNanos);
        stream.echoRoundTrip(Duration.ofNanos(correctedNanos));
    }

    @Override
    public void sendLateness(long nanos) {
        current.sendLateness().recordNanos(nanos);
    }

    @Override
    public void bytesWritten(long count) {
        bytesWritten.add(count);
        stream.bytesWritten(count);
    }

    @Override
    public void writeLatency(long nanos) {
        current.writeLatency().recordNanos(nanos);
        stream.writeLatency(Duration.ofNanos(nanos));
    }

    @Override
    public void bytesRead(long count) {
        bytesRead.add(count);
        stream.bytesRead(count);
    }

    @Override
    public void readLatency(long nanos) {
        stream.readLatency(Duration.ofNanos(nanos));
    }

    @Override
    public void readFailed(StreamFailure failure) {
        if (countsAsReadError(failure)) {
            stream.readError();
        }
    }

    /**
     * Coder's rule (scaletest/workspacetraffic, {@code reportableErr} on each Read): only a WebSocket
     * close error whose status is not 1000 is counted; EOF, cancellation, deadlines and every other
     * error are not. Its reads go through the WebSocket library's net.Conn, which turns a close with
     * 1000 or 1001 into EOF, so of the closes the peer sends, those two are not counted. A connection
     * lost without a close frame (1006), a timeout, and anything on an SSH stream (pipes, never close
     * errors) are not counted either.
     */
    static boolean countsAsReadError(StreamFailure failure) {
        OptionalInt status = failure.peerCloseStatus();
        return status.isPresent() && status.getAsInt() != NORMAL_CLOSURE && status.getAsInt() != GOING_AWAY;
    }

    @Override
    public void reconnect() {
        reconnects.increment();
    }

    @Override
    public void error(ErrorClass errorClass) {
        errors.record(errorClass, runId, describe(errorClass));
    }

    private static String describe(ErrorClass errorClass) {
        return switch (errorClass) {
            case CONNECT -> "could not connect";
            case TLS -> "TLS handshake failed";
            case AUTH -> "authentication failed";
            case HANDSHAKE_STATUS -> "WebSocket handshake refused";
            case WS_CLOSE -> "WebSocket closed";
            case SSH_CHANNEL -> "SSH channel failed";
            case TIMEOUT -> "timed out";
            case ECHO_MISMATCH -> "echo did not match what was sent";
            case HTTP_STATUS -> "unexpected HTTP status";
            case BUILD_FAILED -> "workspace build failed";
            case OTHER -> "stream failed";
        };
    }
}
