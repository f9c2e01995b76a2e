package dev.scaletest.simulator;

import java.time.Duration;
import java.util.Map;

/**
 * Fault injection, all off by default. Rates are probabilities in [0,1]. Drop rates are per
 * connection per second: each second a live WebSocket (terminal or app) or SSH session is cut
 * (TCP closed, no close frame or exit status) with that probability. The stall freezes every
 * response, echo and log stream from {@code stallAt} after start for {@code stallFor}.
 * {@code endpointLatency} keys are API route names {@code "<METHOD> <path template after /api/v2>"},
 * such as {@code "POST /users"} or {@code "GET /workspaces/{workspace}"}; {@code "*"} means every
 * route (see {@code dev.scaletest.simulator.api} for the list). The injected 5xx comes before the
 * route runs (503: nothing was done), or with {@code http5xxAfterAction} after it (500: the route
 * did its work, such as creating a user, and only the answer is lost), the case that tells a
 * client which repeats a creating POST blindly from one that first looks the resource up.
 */
public record Faults(
        Map<String, Duration> endpointLatency,
        double http5xxRate,
        double http429Rate,
        Duration retryAfter,
        double buildFailureRate,
        boolean agentsNeverConnect,
        double webSocketDropRate,
        double sshDropRate,
        Duration stallAt,
        Duration stallFor,
        boolean http5xxAfterAction) {

    /** Faults whose 5xx come before the route runs. */
    public Faults(Map<String, Duration> endpointLatency, double http5xxRate, double http429Rate, Duration retryAfter,
            double buildFailureRate, boolean agentsNeverConnect, double webSocketDropRate, double sshDropRate, Duration stallAt,
            Duration stallFor) {
        this(endpointLatency, http5xxRate, http429Rate, retryAfter, buildFailureRate, agentsNeverConnect, webSocketDropRate,
                sshDropRate, stallAt, stallFor, false);
    }

    /** The same faults with the injected 5xx after the route ran ({@code true}) or before it. */
    public Faults with5xxAfterAction(boolean afterAction) {
        return new Faults(endpointLatency, http5xxRate, http429Rate, retryAfter, buildFailureRate, agentsNeverConnect,
                webSocketDropRate, sshDropRate, stallAt, stallFor, afterAction);
    }

    public static Faults none() {
        return new Faults(Map.of(), 0, 0, Duration.ofSeconds(1), 0, false, 0, 0, Duration.ZERO, Duration.ZERO);
    }

    public Faults {
        endpointLatency = Map.copyOf(endpointLatency);
    }

    /** True while the stall window is open, for a simulator started at {@code startNanos}. */
    public boolean stalled(long startNanos, long nowNanos) {
        if (stallFor.isZero()) {
            return false;
        }
        long since = nowNanos - startNanos;
        return since >= stallAt.toNanos() && since < stallAt.plus(stallFor).toNanos();
    }

    /** Nanoseconds until the stall window closes, 0 when not stalled. */
    public long stallRemainingNanos(long startNanos, long nowNanos) {
        return stalled(startNanos, nowNanos) ? startNanos + stallAt.plus(stallFor).toNanos() - nowNanos : 0;
    }
}
