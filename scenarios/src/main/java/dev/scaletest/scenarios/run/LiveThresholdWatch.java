package dev.scaletest.scenarios.run;

import dev.scaletest.reports.thresholds.Statistic;
import dev.scaletest.reports.thresholds.Threshold;
import dev.scaletest.reports.thresholds.ThresholdEvaluator;
import dev.scaletest.reports.thresholds.ThresholdOutcome;
import dev.scaletest.reports.thresholds.ThresholdSubject;
import java.util.List;

/**
 * Checks thresholds during a run so {@link ThresholdAbort} can stop it early ({@code --abort-on-threshold}).
 * Only thresholds that can no longer hold once broken are watched: ceilings ({@code <}, {@code <=})
 * on figures that only grow while a run goes on: failed runs out of all registered runs
 * ({@code errors<1%}), late starts, and an operation's count or max. A percentile or a delivery
 * ratio may still recover, so stopping on it would turn a slow start into a failed test.
 */
final class LiveThresholdWatch {
    private final List<Threshold> watched;
    private final ThresholdEvaluator evaluator = new ThresholdEvaluator();

    LiveThresholdWatch(List<Threshold> thresholds) {
        this.watched = thresholds.stream().filter(LiveThresholdWatch::certainOnceBroken).toList();
    }

    static boolean certainOnceBroken(Threshold t) {
        if (!t.comparison().isUpperBound()) {
            return false;
        }
        return switch (t.subject()) {
            case RUN_ERRORS, LATE_STARTS -> true;
            case LATENCY -> t.statistic() == Statistic.COUNT || t.statistic() == Statistic.MAX;
            case STREAM_ERRORS, DELIVERY -> false;
        };
    }

    /** Whether any threshold is watched at all (nothing to check otherwise). */
    boolean watchesAny() {
        return !watched.isEmpty();
    }

    /**
     * The watched thresholds that the live figures already break (empty: keep going). The subject's
     * {@code totalRuns} must be every run of the phase, started or not, so a ratio of failures
     * can only grow.
     */
    List<ThresholdOutcome> breaches(ThresholdSubject live) {
        return evaluator.evaluate(watched, live).stream()
                .filter(o -> !o.passed() && o.observedValue() != null)
                .toList();
    }
}
