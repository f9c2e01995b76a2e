package dev.scaletest.cli.progress;

import dev.scaletest.harness.GoDuration;
import dev.scaletest.scenarios.run.TrafficSample;

import java.time.Duration;
import java.util.Locale;

/** The words and numbers of progress lines, shared by the plain and bar views. */
final class ProgressText {

    private ProgressText() {}

    /** {@code create-workspaces: 120/1000 done, 2 failed, 35.1/s, ETA 25s}; finished: {@code ..., took 28s}. */
    static String phaseLine(PhaseStatus status) {
        PhaseCounts counts = status.counts();
        String tail = status.finished()
                ? "took " + seconds(status.elapsed())
                : "ETA " + status.eta().map(ProgressText::seconds).orElse("-");
        return String.format(Locale.ROOT, "%s: %d/%d done, %d failed, %.1f/s, %s",
                status.phase(), counts.done(), counts.total(), counts.failed(), status.perSecond(), tail);
    }

    /**
     * {@code workspace-traffic: 200 streams, 8.2 MB/s, delivery 99.8%, p95 echo 12.3ms, 0 errors}; finished:
     * {@code ..., took 10s}, naming the most streams that were open at once.
     */
    static String trafficLine(TrafficStatus status) {
        TrafficSample sample = status.sample();
        String delivery = Double.isNaN(status.deliveryPercent()) ? "-" : String.format(Locale.ROOT, "%.1f%%", status.deliveryPercent());
        return String.format(Locale.ROOT, "%s: %d streams, %s, delivery %s, p95 echo %s, %d errors%s",
                status.phase(), status.streams(), bytesPerSecond(status.bytesPerSecond()), delivery,
                latency(sample.p95EchoRtt()), sample.errors(), status.finished() ? ", took " + seconds(status.elapsed()) : "");
    }

    static String seconds(Duration duration) {
        return GoDuration.format(Duration.ofSeconds(Math.round(duration.toNanos() / 1e9)));
    }

    /** Latency to a tenth of a millisecond (whole microseconds below 1ms). */
    static String latency(Duration duration) {
        long nanos = duration.toNanos();
        long step = nanos >= 1_000_000 ? 100_000 : 1_000;
        return GoDuration.format(Duration.ofNanos(Math.round((double) nanos / step) * step));
    }

    static String bytesPerSecond(double rate) {
        String[] units = {"B/s", "kB/s", "MB/s", "GB/s"};
        int unit = 0;
        double value = rate;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ROOT, "%.0f %s", value, units[unit])
                : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
