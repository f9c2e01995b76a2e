package dev.scaletest.scenarios.prometheus;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import java.time.Duration;

/**
 * One traffic stream's Prometheus series; what counts as a read error, a read or a write is decided
 * by the caller, with Coder's meaning (MeteredTrafficRecorder in scenarios). There is no write-error
 * call: see {@link WorkspaceTrafficMetrics#stream}.
 */
public final class StreamMetrics {
    private final CounterDataPoint bytesRead;
    private final CounterDataPoint bytesWritten;
    private final CounterDataPoint readErrors;
    private final DistributionDataPoint readLatency;
    private final DistributionDataPoint writeLatency;
    private final DistributionDataPoint echoRoundTrip;

    StreamMetrics(CounterDataPoint bytesRead, CounterDataPoint bytesWritten, CounterDataPoint readErrors,
            DistributionDataPoint readLatency, DistributionDataPoint writeLatency,
            DistributionDataPoint echoRoundTrip) {
        this.bytesRead = bytesRead;
        this.bytesWritten = bytesWritten;
        this.readErrors = readErrors;
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

    /**
     * How long one read waited for its chunk, from the moment the stream was ready for more (the
     * previous chunk consumed) until the chunk arrived: Coder's blocking Read call, idle time included.
     */
    public void readLatency(Duration d) {
        readLatency.observe(seconds(d));
    }

    /** How long one write took to reach the socket (or fail). */
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
