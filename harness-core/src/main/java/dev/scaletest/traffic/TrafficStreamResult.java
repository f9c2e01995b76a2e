package dev.scaletest.traffic;

/**
 * What one stream did. Ticks are counted against the plan: {@code ticksPlanned} is what the
 * duration and tick interval call for, so {@code ticksEchoed / ticksPlanned} is delivery.
 */
public record TrafficStreamResult(
        long ticksPlanned,
        long ticksSent,
        long ticksEchoed,
        long ticksLost,
        long bytesWritten,
        long bytesRead,
        long reconnects,
        long echoMismatches) {

    public double delivery() {
        return ticksPlanned == 0 ? 1.0 : (double) ticksEchoed / ticksPlanned;
    }
}
