package dev.scaletest.reports.thresholds;

import dev.scaletest.harness.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Judges thresholds. A threshold on something that was never observed (an operation without
 * samples, errors without runs, delivery without traffic) fails: a misspelt operation must not pass
 * silently.
 */
public final class ThresholdEvaluator {

    public List<ThresholdOutcome> evaluate(List<Threshold> thresholds, ThresholdSubject subject) {
        return thresholds.stream().map(t -> evaluate(t, subject)).toList();
    }

    public ThresholdOutcome evaluate(Threshold threshold, ThresholdSubject subject) {
        return switch (threshold.subject()) {
            case LATENCY -> latency(threshold, subject.latency(threshold.operation()));
            case RUN_ERRORS -> ratio(threshold, subject.failedRuns(), subject.totalRuns(), "no runs");
            case STREAM_ERRORS -> ratio(threshold, subject.errorCount(), subject.streams(), "no streams");
            case DELIVERY -> subject.targetBytes() <= 0
                    ? missing(threshold, "no traffic")
                    : judged(threshold, subject.deliveryRatio(), percentText(subject.deliveryRatio()),
                            subject.deliveryRatio() * 100);
            case LATE_STARTS -> judged(threshold, subject.lateStarts(), Long.toString(subject.lateStarts()),
                    (double) subject.lateStarts());
        };
    }

    private static ThresholdOutcome latency(Threshold threshold, Histogram histogram) {
        if (threshold.statistic() == Statistic.COUNT) {
            long count = histogram == null ? 0 : histogram.getTotalCount();
            return judged(threshold, count, Long.toString(count), (double) count);
        }
        if (histogram == null || histogram.getTotalCount() == 0) {
            return missing(threshold, "no samples");
        }
        double micros = switch (threshold.statistic()) {
            case MEAN -> Math.round(histogram.getMean());
            case MIN -> histogram.getMinValue();
            case MAX -> histogram.getMaxValue();
            default -> histogram.getValueAtPercentile(threshold.statistic().percentile());
        };
        String text = GoDuration.format(Duration.ofNanos(Math.round(micros * 1000)));
        return judged(threshold, micros, text, micros / 1000.0);
    }

    private static ThresholdOutcome ratio(Threshold threshold, long part, long whole, String nothing) {
        if (whole <= 0) {
            return missing(threshold, nothing);
        }
        double ratio = (double) part / whole;
        return judged(threshold, ratio, percentText(ratio) + " (" + part + "/" + whole + ")", ratio * 100);
    }

    private static ThresholdOutcome judged(Threshold threshold, double observed, String text, Double value) {
        return new ThresholdOutcome(threshold.expression(), text, value,
                threshold.comparison().holds(observed, threshold.bound()));
    }

    private static ThresholdOutcome missing(Threshold threshold, String why) {
        return new ThresholdOutcome(threshold.expression(), why, null, false);
    }

    static String percentText(double ratio) {
        String s = String.format(Locale.ROOT, "%.3f", ratio * 100).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }
}
