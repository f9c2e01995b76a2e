package dev.scaletest.reports.thresholds;

import java.util.List;

/**
 * Checks thresholds during a run so the command can stop early ({@code abortOnFail}). Only ceilings
 * ({@code <}, {@code <=}) are watched, and only once they have something to judge: floors such as
 * {@code delivery>99%} or {@code count>100} are unmet at the start of every run.
 */
public final class LiveThresholdWatch {
    private final List<Threshold> watched;
    private final ThresholdEvaluator evaluator = new ThresholdEvaluator();

    public LiveThresholdWatch(List<Threshold> thresholds) {
        this.watched = thresholds.stream().filter(t -> t.comparison().isUpperBound()).toList();
    }

    /** The watched thresholds that the live figures already break (empty: keep going). */
    public List<ThresholdOutcome> breaches(ThresholdSubject live) {
        return evaluator.evaluate(watched, live).stream()
                .filter(o -> !o.passed() && o.observedValue() != null)
                .toList();
    }
}
