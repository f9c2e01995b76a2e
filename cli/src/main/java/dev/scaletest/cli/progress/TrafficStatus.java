package dev.scaletest.cli.progress;

import dev.scaletest.scenarios.run.TrafficSample;
import java.time.Duration;

/**
 * What a display shows for traffic: the sample, bytes echoed per second and the share of planned
 * bytes delivered (NaN before anything was planned), both over the intervals {@link ActiveTraffic}
 * picks.
 */
public record TrafficStatus(String phase, TrafficSample sample, Duration elapsed, double bytesPerSecond, double deliveryPercent, boolean finished) {
}
