/**
 * Thresholds ({@code --threshold}): {@link dev.scaletest.reports.thresholds.ThresholdParser} reads
 * the expressions into {@link dev.scaletest.reports.thresholds.Threshold}s,
 * {@link dev.scaletest.reports.thresholds.ThresholdEvaluator} judges them on a
 * {@link dev.scaletest.reports.thresholds.ThresholdSubject} (a finished report, or a run in progress
 * as {@link dev.scaletest.reports.thresholds.LiveThresholdSubject}) into
 * {@link dev.scaletest.reports.thresholds.ThresholdOutcome}s, and
 * {@link dev.scaletest.reports.thresholds.LiveThresholdWatch} picks the thresholds that may stop a
 * run early ({@code --abort-on-threshold}).
 *
 * <p>May import, of the project: {@code dev.scaletest.harness} ({@code GoDuration}) and
 * {@code dev.scaletest.metrics}; of {@code dev.scaletest.reports} only the constants of
 * {@code MetricNames}, which the live subject reads (they compile into the reading class, so the
 * package cycle exists in the sources only).
 */
package dev.scaletest.reports.thresholds;
