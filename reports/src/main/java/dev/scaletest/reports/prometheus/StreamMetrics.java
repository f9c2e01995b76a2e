package dev.scaletest.reports.prometheus;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import java.time.Duration;

/**
 * One traffic stream's Prometheus series. Count errors as Coder does: only WebSocket closes with a
 * code other than 1000 (EOF, cancellation and normal closes are not errors).
 */
public final class StreamMetrics {
    private final CounterDataPoint bytesRead;
    private final CounterDataPoint bytesWritten;
    private final CounterDataPoint readErrors;
    private final CounterDataPoint writeErrors;
    private final DistributionDataPoint readLatency;
    private final DistributionDataPoint writeLatency;
    private final DistributionDataPoint echoRoundTrip;

    StreamMetrics(CounterDataPoint bytesRead, CounterDataPoint bytesWritten, CounterDataPoint readErrors,
            CounterDataPoint writeErrors, DistributionDataPoint readLatency, DistributionDataPoint writeLatency,
            DistributionDataPoint echoRoundTrip) {
        this.bytesRead = bytesRead;
        this.bytesWritten = bytesWritten;
        this.readErrors = readErrors;
        this.writeErrors = writeErrors;
        this.readLatency = readLatency;
        this.writeLatency = writeLatency;
        this.echoRoundTrip = echoRoundTrip;
    }

    public void bytesRead(long n) {
        if (n > 0) {
            bytesRead.inc(n);
        }
    }

    public void bytesWritten(long n) {
        if (n > 0) {
            bytesWritten.inc(n);
        }
    }

    public void readError() {
        readErrors.inc();
    }

    public void writeError() {
        writeErrors.inc();
    }

    /** Wall time of one read call, including the wait for data. */
    public void readLatency(Duration d) {
        readLatency.observe(seconds(d));
    }

    /** Wall time of one write call. */
    public void writeLatency(Duration d) {
        writeLatency.observe(seconds(d));
    }

    public void echoRoundTrip(Duration d) {
        echoRoundTrip.observe(seconds(d));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
