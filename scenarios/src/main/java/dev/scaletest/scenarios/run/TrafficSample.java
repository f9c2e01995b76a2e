package dev.scaletest.scenarios.run;

import java.time.Duration;
import java.util.Objects;

/**
 * A reading of a traffic phase: streams open now, totals since the start (bytes the send plan
 * called for, bytes echoed back, errors), and the current p95 of the echo round trip.
 */
public record TrafficSample(int activeStreams, long bytesPlanned, long bytesDelivered, Duration p95EchoRtt, long errors) {

    public static final TrafficSample EMPTY = new TrafficSample(0, 0, 0, Duration.ZERO, 0);

    public TrafficSample {
        Objects.requireNonNull(p95EchoRtt, "p95EchoRtt");
    }
}
