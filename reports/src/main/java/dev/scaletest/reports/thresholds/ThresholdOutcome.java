package dev.scaletest.reports.thresholds;

/**
 * A judged threshold. {@code observed} is for people ({@code 132.5ms}, {@code 0.5%}, {@code no samples});
 * {@code observedValue} is the number behind it, in milliseconds for latencies, percent (0..100) for
 * ratios and plain for counts, or null when there was nothing to observe (which fails the threshold).
 */
public record ThresholdOutcome(String expression, String observed, Double observedValue, boolean passed) {}
