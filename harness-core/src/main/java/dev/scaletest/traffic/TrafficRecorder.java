package dev.scaletest.traffic;

/**
 * Where streams report what they measure. Called from I/O and pacing threads on the hot path:
 * implementations must be lock-free (HdrHistogram recorders, LongAdders).
 */
public interface TrafficRecorder {
    /** A tick's echo came back complete: round trip from its intended and from its actual send time. */
    void echo(long correctedNanos, long uncorrectedNanos);

    /** How late a tick was sent against its plan (0 when on time). */
    void sendLateness(long nanos);

    void bytesWritten(long count);

    /**
     * How long one tick's write took, from the call until the transport handed its bytes to the
     * socket: what Coder's write latency measures (it times each Write call).
     */
    default void writeLatency(long nanos) {}

    void bytesRead(long count);

    void reconnect();

    void error(ErrorClass errorClass);

    TrafficRecorder NONE = new TrafficRecorder() {
        @Override public void echo(long correctedNanos, long uncorrectedNanos) {}
        @Override public void sendLateness(long nanos) {}
        @Override public void bytesWritten(long count) {}
        @Override public void bytesRead(long count) {}
        @Override public void reconnect() {}
        @Override public void error(ErrorClass errorClass) {}
    };
}
