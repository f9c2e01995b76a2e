package dev.scaletest.traffic;

import dev.scaletest.errors.ErrorClass;

/**
 * Where streams report what they measure. Called from I/O and pacing threads on the hot path:
 * implementations must be lock-free (HdrHistogram recorders, LongAdders).
 */
public interface TrafficRecorder {
    /** A tick's echo came back complete: round trip from its intended and from its actual send time. */
    void echo(long correctedNanos, long uncorrectedNanos);

    /**
     * A tick is about to be sent; {@code intendedNanos} is when its plan said ({@link System#nanoTime()}
     * scale). Comes before that tick's {@link #sendLateness}, write latency and echo.
     */
    default void tickStarted(long intendedNanos) {}

    /** How late a tick was sent against its plan (0 when on time). */
    void sendLateness(long nanos);

    void bytesWritten(long count);

    /**
     * How long one tick's write took, from the call until the transport handed its bytes to the
     * socket, or failed to: what Coder's write latency measures (it times each Write call, failed
     * ones included).
     */
    default void writeLatency(long nanos) {}

    void bytesRead(long count);

    /**
     * How long the stream waited for a chunk of what the workspace sends back: from the moment it
     * was ready for more (it had consumed the previous chunk, or the connection had just opened)
     * until the chunk arrived. This is what Coder's read latency measures with its blocking reads
     * (each Read call blocks from the end of the previous one until data arrives), so it includes
     * the idle time between ticks.
     */
    default void readLatency(long nanos) {}

    /**
     * The stream's connection ended with {@code failure} while traffic was flowing or while closing
     * (the peer closed it, the connection was lost, the close timed out). Also reported through
     * {@link #error}; this hook carries the failure itself, e.g. the peer's close status.
     */
    default void readFailed(StreamFailure failure) {}

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
