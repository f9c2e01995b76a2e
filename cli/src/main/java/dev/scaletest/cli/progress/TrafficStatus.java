package dev.scaletest.cli.progress;

import dev.scaletest.scenarios.run.TrafficSample;
import java.time.Duration;

/**
 * What a display shows for traffic: the sample, the streams to name (open now; on the finished
 * line the most that were open at once, since by then every stream has closed), bytes echoed per
 * second and the share of planned bytes delivered (NaN before anything was planned), both over the
 * intervals {@link ActiveTraffic} picks.
 */
public record TrafficStatus(String phase, TrafficSample sample, int streams, Duration elapsed, double bytesPerSecond,
        double deliveryPercent, boolean finished) {
}
