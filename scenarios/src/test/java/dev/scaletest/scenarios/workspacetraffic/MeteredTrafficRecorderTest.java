package dev.scaletest.scenarios.workspacetraffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.errors.ErrorClass;
import dev.scaletest.metrics.OperationMetrics;
import dev.scaletest.reports.ErrorTallies;
import dev.scaletest.scenarios.prometheus.WorkspaceTrafficMetrics;
import dev.scaletest.traffic.StreamFailure;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.scaletest.reports.MetricNames;
import dev.scaletest.traffic.WarmUpWindow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Known events in, Coder's six series out: each one means what it means in Coder. */
class MeteredTrafficRecorderTest {
    private static final String LABELS = "{agent_name=\"main\",username=\"scaletest-u1\",workspace_name=\"scaletest-u1-0\"}";

    private PrometheusMeterRegistry registry;
    private MeteredTrafficRecorder recorder;

    @BeforeEach
    void setUp() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WorkspaceTrafficMetrics prometheus = new WorkspaceTrafficMetrics(registry);
        recorder = new MeteredTrafficRecorder(new OperationMetrics(registry, Duration.ofSeconds(1)),
                prometheus.stream("scaletest-u1", "scaletest-u1-0", "main"), new ErrorTallies(), "workspace-traffic/0");
    }

    private double value(String series) {
        String prefix = series + LABELS + " ";
        return registry.scrape().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Double.parseDouble(l.substring(prefix.length()).trim()))
                .orElseThrow(() -> new AssertionError(series + " missing from:\n" + registry.scrape()));
    }

    private double bucket(String histogram, String le) {
        String prefix = histogram + "_bucket" + LABELS.replace("}", ",le=\"" + le + "\"} ");
        return registry.scrape().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Double.parseDouble(l.substring(prefix.length()).trim()))
                .orElseThrow(() -> new AssertionError(prefix + " missing from:\n" + registry.scrape()));
    }

    @Test
    void allSixSeriesExistFromTheStartAsCodersDo() {
        assertEquals(0, value(WorkspaceTrafficMetrics.BYTES_READ));
        assertEquals(0, value(WorkspaceTrafficMetrics.BYTES_WRITTEN));
        assertEquals(0, value(WorkspaceTrafficMetrics.READ_ERRORS));
        assertEquals(0, value(WorkspaceTrafficMetrics.WRITE_ERRORS));
        assertEquals(1, value(WorkspaceTrafficMetrics.READ_LATENCY + "_count"), "one 0-second observation");
        assertEquals(0, value(WorkspaceTrafficMetrics.READ_LATENCY + "_sum"));
        assertEquals(1, value(WorkspaceTrafficMetrics.WRITE_LATENCY + "_count"), "one 0-second observation");
        assertEquals(0, value(WorkspaceTrafficMetrics.WRITE_LATENCY + "_sum"));
    }

    @Test
    void readLatencyIsEachWaitForAChunkNotTheEchoRoundTrip() {
        recorder.readLatency(Duration.ofMillis(100).toNanos());
        recorder.readLatency(Duration.ofMillis(2).toNanos());
        recorder.echo(Duration.ofMillis(40).toNanos(), Duration.ofMillis(30).toNanos());
        assertEquals(3, value(WorkspaceTrafficMetrics.READ_LATENCY + "_count"), "the initial 0 and two chunks; the echo is not a read");
        assertEquals(0.102, value(WorkspaceTrafficMetrics.READ_LATENCY + "_sum"), 1e-9);
        assertEquals(2, bucket(WorkspaceTrafficMetrics.READ_LATENCY, "0.005"));
        assertEquals(3, bucket(WorkspaceTrafficMetrics.READ_LATENCY, "0.1"));
        assertEquals(1, value(WorkspaceTrafficMetrics.ECHO_ROUND_TRIP + "_count"), "the echo goes to scaletest's own series");
        assertEquals(0.040, value(WorkspaceTrafficMetrics.ECHO_ROUND_TRIP + "_sum"), 1e-9);
    }

    @Test
    void writeLatencyAndBytesAreWhatEachWriteAndReadMoved() {
        recorder.writeLatency(Duration.ofMillis(4).toNanos());
        recorder.bytesWritten(4096);
        recorder.bytesRead(2048);
        recorder.bytesRead(2049);
        assertEquals(2, value(WorkspaceTrafficMetrics.WRITE_LATENCY + "_count"));
        assertEquals(0.004, value(WorkspaceTrafficMetrics.WRITE_LATENCY + "_sum"), 1e-9);
        assertEquals(4096, value(WorkspaceTrafficMetrics.BYTES_WRITTEN));
        assertEquals(4097, value(WorkspaceTrafficMetrics.BYTES_READ));
    }

    @Test
    void onlyAPeersCloseWithAStatusOtherThan1000Or1001IsAReadError() {
        recorder.readFailed(StreamFailure.closedByPeer(1011, "websocket x closed with status 1011: internal error"));
        recorder.readFailed(StreamFailure.closedByPeer(1005, "websocket x closed with status 1005: no reason"));
        assertEquals(2, value(WorkspaceTrafficMetrics.READ_ERRORS));

        // Not counted, as in Coder: 1001 reads as EOF, a lost connection is no close error, nor is a
        // timeout, an SSH channel failure or an echo mismatch.
        recorder.readFailed(StreamFailure.closedByPeer(1001, "websocket x closed with status 1001: going away"));
        recorder.readFailed(new StreamFailure(ErrorClass.WS_CLOSE, "websocket x closed with status 1006: connection lost"));
        recorder.readFailed(new StreamFailure(ErrorClass.TIMEOUT, "x: timeout waiting for the stream to close"));
        recorder.readFailed(new StreamFailure(ErrorClass.SSH_CHANNEL, "x: remote command exited with status 1"));
        recorder.error(ErrorClass.ECHO_MISMATCH);
        recorder.error(ErrorClass.CONNECT);
        recorder.error(ErrorClass.OTHER);
        assertEquals(2, value(WorkspaceTrafficMetrics.READ_ERRORS));
        assertEquals(0, value(WorkspaceTrafficMetrics.WRITE_ERRORS), "Coder's current client never counts a write error");
    }

    @Test
    void everyErrorStillReachesTheReportsTallies() {
        ErrorTallies tallies = new ErrorTallies();
        MeteredTrafficRecorder counted = new MeteredTrafficRecorder(new OperationMetrics(registry, Duration.ofSeconds(1)),
                new WorkspaceTrafficMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).stream("u", "w", "a"),
                tallies, "workspace-traffic/1");
        counted.error(ErrorClass.WS_CLOSE);
        counted.error(ErrorClass.TIMEOUT);
        assertTrue(tallies.snapshot().stream().mapToLong(t -> t.count()).sum() >= 2, tallies.snapshot().toString());
    }

    @Test
    void ticksDueInTheWarmUpAreRecordedUnderTheWarmUpNamesAndLaterOnesUnderTheSteadyOnes() {
        PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        OperationMetrics metrics = new OperationMetrics(own, Duration.ofSeconds(1));
        WorkspaceTrafficMetrics prometheus = new WorkspaceTrafficMetrics(own);
        WarmUpWindow window = new WarmUpWindow(Duration.ofSeconds(1));
        MeteredTrafficRecorder warm = new MeteredTrafficRecorder(metrics, prometheus.stream("scaletest-u2", "scaletest-u2-0", "main"),
                new ErrorTallies(), "workspace-traffic/1", window);
        long first = 1_000_000_000L;
        for (int tick = 0; tick < 20; tick++) {
            warm.tickStarted(first + tick * 100_000_000L);
            warm.sendLateness(Duration.ofMillis(tick < 10 ? 300 : 1).toNanos());
            warm.writeLatency(1_000);
            warm.echo(Duration.ofMillis(tick < 10 ? 400 : 2).toNanos(), Duration.ofMillis(tick < 10 ? 100 : 1).toNanos());
        }
        metrics.stop();
        var totals = metrics.snapshot().latencies();
        for (String op : List.of(MetricNames.ECHO_RTT, MetricNames.ECHO_RTT + MetricNames.UNCORRECTED_SUFFIX,
                MeteredTrafficRecorder.SEND_LATENESS, MeteredTrafficRecorder.WRITE_LATENCY)) {
            assertEquals(10, totals.get(op).getTotalCount(), op);
            assertEquals(10, totals.get(MetricNames.warmUp(op)).getTotalCount(), MetricNames.warmUp(op));
        }
        assertEquals(2_000, totals.get(MetricNames.ECHO_RTT).getMaxValue(), 2, "the steady part holds none of the warm-up's tail");
        assertEquals(400_000, totals.get("traffic.echo_rtt.warmup").getMaxValue(), 400);
        assertTrue(totals.containsKey("traffic.echo_rtt.warmup.uncorrected"), totals.keySet().toString());
    }

    @Test
    void withoutAWarmUpNoWarmUpOperationExists() {
        PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        OperationMetrics metrics = new OperationMetrics(own, Duration.ofSeconds(1));
        MeteredTrafficRecorder plain = new MeteredTrafficRecorder(metrics, new WorkspaceTrafficMetrics(own)
                .stream("scaletest-u3", "scaletest-u3-0", "main"), new ErrorTallies(), "workspace-traffic/2");
        plain.tickStarted(0);
        plain.echo(1_000_000, 1_000_000);
        metrics.stop();
        assertEquals(1, metrics.snapshot().latencies().get(MetricNames.ECHO_RTT).getTotalCount());
        assertTrue(metrics.snapshot().latencies().keySet().stream().noneMatch(op -> op.contains(MetricNames.WARM_UP_MARK)),
                metrics.snapshot().latencies().keySet().toString());
    }
}
