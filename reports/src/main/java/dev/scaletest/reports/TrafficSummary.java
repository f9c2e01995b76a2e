package dev.scaletest.reports;

import java.time.Duration;

/**
 * What the traffic streams moved. {@code deliveryRatio} is {@code min(bytesWritten, bytesRead) /
 * targetBytes}: the share of the planned bytes that were both sent and came back (a PTY may add
 * bytes to the echo, so reads alone could exceed the plan).
 */
public record TrafficSummary(
        long bytesWritten, long bytesRead, long targetBytes, long streams, long reconnects, Duration duration) {

    /** 1.0 when nothing was planned. */
    public double deliveryRatio() {
        if (targetBytes <= 0) {
            return 1.0;
        }
        return (double) Math.min(bytesWritten, bytesRead) / targetBytes;
    }

    public TrafficSummary plus(TrafficSummary other) {
        return new TrafficSummary(
                bytesWritten + other.bytesWritten,
                bytesRead + other.bytesRead,
                targetBytes + other.targetBytes,
                streams + other.streams,
                reconnects + other.reconnects,
                duration.compareTo(other.duration) >= 0 ? duration : other.duration);
    }
}
