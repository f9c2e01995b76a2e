package dev.scaletest.cli.progress;

import dev.scaletest.scenarios.run.TrafficSample;
import java.time.Duration;

/**
 * Turns successive traffic samples into what a progress line shows. Rate and delivery come from
 * the sampling intervals with streams open at both ends, so streams still connecting at the start
 * or closing at the end do not dilute them: a healthy run reads about 100% throughout. An interval
 * without open streams (or with nothing planned in it, once every plan has run out) shows the sums of the active intervals so far (or, before there is one, the
 * plain figures since the previous sample); the final line shows the sums of all active intervals,
 * and the most streams that were open at once.
 */
final class ActiveTraffic {
    private long nanos;
    private long planned;
    private long delivered;
    private int mostStreams;

    TrafficStatus next(String phase, TrafficSample previous, TrafficSample current, Duration sinceLast, Duration elapsed,
            boolean finished) {
        long dPlanned = Math.max(0, current.bytesPlanned() - previous.bytesPlanned());
        long dDelivered = Math.max(0, current.bytesDelivered() - previous.bytesDelivered());
        long dNanos = Math.max(0, sinceLast.toNanos());
        mostStreams = Math.max(mostStreams, current.activeStreams());
        boolean active = previous.activeStreams() > 0 && current.activeStreams() > 0;
        if (active) {
            nanos += dNanos;
            planned += dPlanned;
            delivered += dDelivered;
        }
        if (active && !finished && dPlanned > 0) {
            return status(phase, current, elapsed, dDelivered, dNanos, dPlanned, finished);
        }
        if (nanos > 0) {
            return status(phase, current, elapsed, delivered, nanos, planned, finished);
        }
        return status(phase, current, elapsed, dDelivered, dNanos,
                current.bytesPlanned() > 0 ? current.bytesPlanned() : 0, current.bytesDelivered(), finished);
    }

    private TrafficStatus status(String phase, TrafficSample sample, Duration elapsed, long bytes, long overNanos,
            long plannedBytes, boolean finished) {
        return status(phase, sample, elapsed, bytes, overNanos, plannedBytes, bytes, finished);
    }

    private TrafficStatus status(String phase, TrafficSample sample, Duration elapsed, long bytes, long overNanos,
            long plannedBytes, long deliveredBytes, boolean finished) {
        double rate = overNanos > 0 ? bytes / (overNanos / 1e9) : 0;
        double delivery = plannedBytes > 0 ? 100.0 * deliveredBytes / plannedBytes : Double.NaN;
        return new TrafficStatus(phase, sample, finished ? mostStreams : sample.activeStreams(), elapsed, rate, delivery, finished);
    }
}
