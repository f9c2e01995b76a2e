package dev.scaletest.cli.progress;

import java.time.Duration;

/**
 * What a display shows for traffic: the sample, bytes echoed per second since the previous
 * sample, and the share of planned bytes delivered so far (NaN before anything was planned).
 */
public record TrafficStatus(String phase, TrafficSample sample, Duration elapsed, double bytesPerSecond, double deliveryPercent, boolean finished) {

    static TrafficStatus between(String phase, TrafficSample previous, TrafficSample current, Duration sinceLast,
                                 Duration elapsed, boolean finished) {
        double seconds = sinceLast.toNanos() / 1e9;
        double rate = seconds > 0 ? Math.max(0, current.bytesDelivered() - previous.bytesDelivered()) / seconds : 0;
        double delivery = current.bytesPlanned() > 0 ? 100.0 * current.bytesDelivered() / current.bytesPlanned() : Double.NaN;
        return new TrafficStatus(phase, current, elapsed, rate, delivery, finished);
    }
}
