/**
 * Measurements taken off the hot path: {@link dev.scaletest.metrics.OperationMetrics} hands out
 * lock-free {@link dev.scaletest.metrics.LatencyRecorder}s and {@link dev.scaletest.metrics.EventCounter}s,
 * closes an interval every second, and produces a {@link dev.scaletest.metrics.MetricsSnapshot}.
 *
 * <p>May import no other {@code dev.scaletest} package (the JDK, HdrHistogram and Micrometer only);
 * callers name what they record.
 */
package dev.scaletest.metrics;
