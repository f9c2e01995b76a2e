package dev.scaletest.reports.thresholds;

/**
 * One parsed threshold. {@code bound} is in microseconds for latency statistics, a ratio (0..1) for
 * percentages and a plain number for counts. {@code operation} and {@code statistic} are set only
 * for {@link Subject#LATENCY}.
 */
public record Threshold(
        String expression, Subject subject, String operation, Statistic statistic, Comparison comparison, double bound) {

    /** What a threshold judges. */
    public enum Subject {
        /** {@code <operation>:<statistic>}: one operation's latency histogram. */
        LATENCY,
        /** {@code errors}: failed runs / total runs. */
        RUN_ERRORS,
        /** {@code stream_errors}: counted errors (all classes) / streams opened. */
        STREAM_ERRORS,
        /** {@code delivery}: min(bytes written, bytes read) / planned bytes. */
        DELIVERY,
        /** {@code late_starts}: arrival-rate starts that began late. */
        LATE_STARTS
    }

    /** Parses one expression; see {@link ThresholdParser}. */
    public static Threshold parse(String expression) {
        return ThresholdParser.parse(expression);
    }
}
