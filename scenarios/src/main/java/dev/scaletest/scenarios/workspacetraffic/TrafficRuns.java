package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.harness.RunLog;
import dev.scaletest.metrics.EventCounter;
import dev.scaletest.metrics.LevelGauge;
import dev.scaletest.reports.MetricNames;
import dev.scaletest.scenarios.prometheus.WorkspaceTrafficMetrics;
import dev.scaletest.scenarios.run.RunSession;
import dev.scaletest.scenarios.run.TrafficSample;
import dev.scaletest.traffic.StartGate;
import dev.scaletest.traffic.StreamFailure;
import dev.scaletest.traffic.StreamTransport;
import dev.scaletest.traffic.TickPayload;
import dev.scaletest.traffic.TickScheduler;
import dev.scaletest.traffic.TrafficStream;
import dev.scaletest.traffic.TrafficStreamResult;
import dev.scaletest.traffic.WarmUpWindow;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What every traffic run of one phase shares, and the body of one run: one paced echo stream, in the
 * mode its target was given (the transports of every mode the phase uses share the scheduler, the
 * payload and the start gate).
 */
final class TrafficRuns {
    private final RunSession session;
    private final WorkspaceTrafficMetrics prometheus;
    private final Map<TrafficMode, TrafficTransports> transports;
    private final TickScheduler scheduler;
    private final TickPayload payload;
    private final Duration duration;
    private final StartGate gate;
    private final WarmUpWindow warmUp;
    private final EventCounter streams;
    private final EventCounter bytesTarget;
    private final LevelGauge active;
    private final long startNanos = System.nanoTime();

    /**
     * @param duration how long each stream sends
     * @param warmUp   the phase's warm-up, whose ticks every stream records apart
     */
    TrafficRuns(RunSession session, WorkspaceTrafficMetrics prometheus, Map<TrafficMode, TrafficTransports> transports,
            TickScheduler scheduler, TickPayload payload, Duration duration, StartGate gate, WarmUpWindow warmUp) {
        this.gate = gate;
        this.warmUp = warmUp;
        this.session = session;
        this.prometheus = prometheus;
        this.transports = transports;
        this.scheduler = scheduler;
        this.payload = payload;
        this.duration = duration;
        this.streams = session.metrics().counter(MetricNames.TRAFFIC_STREAMS);
        this.bytesTarget = session.metrics().counter(MetricNames.TRAFFIC_BYTES_TARGET);
        this.active = session.metrics().level(MetricNames.STREAMS_ACTIVE);
    }

    /**
     * A live reading: bytes the plan called for so far (streams started, each for the time
     * elapsed, capped at the duration), bytes echoed back, the last interval's echo p95.
     */
    TrafficSample sample() {
        long elapsed = Math.min(System.nanoTime() - startNanos, duration.toNanos());
        long planned = streams.total() * (elapsed / scheduler.tickInterval().toNanos()) * payload.length();
        long delivered = session.metrics().counterTotal(MetricNames.TRAFFIC_BYTES_READ);
        Duration p95 = session.metrics().latestInterval()
                .map(i -> i.latencies().get(MetricNames.ECHO_RTT))
                .filter(h -> h.getTotalCount() > 0)
                .map(h -> Duration.ofNanos(h.getValueAtPercentile(95) * 1000))
                .orElse(Duration.ZERO);
        return new TrafficSample((int) active.current(), planned, Math.min(delivered, planned), p95, session.errors().total());
    }

    void run(String fullId, TrafficTarget target, TrafficMode mode, RunLog log) throws Exception {
        MeteredTrafficRecorder recorder = new MeteredTrafficRecorder(session.metrics(),
                prometheus.stream(target.ownerName(), target.workspaceName(), target.agentName()), session.errors(), fullId, warmUp);
        TrafficTransports modeTransports = transports.get(mode);
        StreamTransport transport;
        try {
            transport = modeTransports.forTarget(target);
        } catch (RuntimeException e) {
            gate.withdraw();
            throw e;
        }
        TrafficStream.Settings settings = new TrafficStream.Settings(duration, TrafficStreams.CONNECT_TIMEOUT,
                TrafficStreams.FINISH_TIMEOUT, TrafficStreams.DRAIN_TIMEOUT, modeTransports.echoShape());
        TrafficStream stream = new TrafficStream(transport, scheduler, payload, recorder, settings, gate);
        long planned = duration.toNanos() / scheduler.tickInterval().toNanos();
        streams.increment();
        bytesTarget.add(planned * payload.length());
        log.println("sending " + payload.length() + " bytes per tick to " + target.label() + " (" + mode + ") for " + duration);
        active.increment();
        try {
            TrafficStreamResult result = stream.run();
            log.println(String.format(Locale.ROOT, "ticks planned %d, sent %d, echoed %d, lost %d; bytes written %d, read %d; reconnects %d; delivery %.4f",
                    result.ticksPlanned(), result.ticksSent(), result.ticksEchoed(), result.ticksLost(),
                    result.bytesWritten(), result.bytesRead(), result.reconnects(), result.delivery()));
        } catch (StreamFailure failure) {
            throw new IllegalStateException("traffic to " + target.label() + ": " + failure.getMessage(), failure);
        } finally {
            active.decrement();
        }
    }
}
