package dev.scaletest.reports.thresholds;

import dev.scaletest.harness.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses threshold expressions.
 *
 * <pre>
 * threshold  = latency | ratio | late
 * latency    = operation ":" statistic comparison value
 * ratio      = ("errors" | "stream_errors" | "delivery") comparison percent
 * late       = "late_starts" comparison integer
 * statistic  = count | mean | min | max | p50 | p90 | p95 | p99 | p99.9
 * comparison = "&lt;" | "&lt;=" | "&gt;" | "&gt;="
 * value      = Go duration (250ms, 1m30s), or an integer for count
 * percent    = number "%"
 * </pre>
 */
public final class ThresholdParser {
    public static final String EXPECTED_FORM = "expected <operation>:<statistic><comparison><value> such as "
            + "build.run:p95<120s or traffic.echo_rtt:p99<250ms, or errors<1%, stream_errors<1%, delivery>99%, "
            + "late_starts<=0; statistic is one of count, mean, min, max, p50, p90, p95, p99, p99.9; "
            + "comparison is one of <, <=, >, >=; latencies are Go durations (250ms, 2m), percentages end in %";

    private static final Pattern LATENCY =
            Pattern.compile("([A-Za-z0-9_.\\-]+):([a-z0-9.]+)\\s*(<=|>=|<|>)\\s*(\\S+)");
    private static final Pattern NAMED =
            Pattern.compile("(errors|stream_errors|delivery|late_starts)\\s*(<=|>=|<|>)\\s*(\\S+)");

    private ThresholdParser() {}

    public static List<Threshold> parseAll(List<String> expressions) {
        return expressions.stream().map(ThresholdParser::parse).toList();
    }

    public static Threshold parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw invalid(String.valueOf(expression), "it is empty");
        }
        String text = expression.strip();
        Matcher named = NAMED.matcher(text);
        if (named.matches()) {
            Comparison comparison = Comparison.parse(named.group(2));
            String value = named.group(3);
            return switch (named.group(1)) {
                case "errors" -> new Threshold(text, Threshold.Subject.RUN_ERRORS, null, null, comparison, percent(text, value));
                case "stream_errors" ->
                        new Threshold(text, Threshold.Subject.STREAM_ERRORS, null, null, comparison, percent(text, value));
                case "delivery" -> new Threshold(text, Threshold.Subject.DELIVERY, null, null, comparison, percent(text, value));
                default -> new Threshold(text, Threshold.Subject.LATE_STARTS, null, null, comparison, count(text, value));
            };
        }
        Matcher latency = LATENCY.matcher(text);
        if (!latency.matches()) {
            throw invalid(text, "it does not have that form");
        }
        Statistic statistic = Statistic.parse(latency.group(2));
        if (statistic == null) {
            throw invalid(text, "\"" + latency.group(2) + "\" is not a statistic");
        }
        Comparison comparison = Comparison.parse(latency.group(3));
        String value = latency.group(4);
        double bound = statistic == Statistic.COUNT ? count(text, value) : micros(text, value);
        return new Threshold(text, Threshold.Subject.LATENCY, latency.group(1), statistic, comparison, bound);
    }

    private static double percent(String expression, String value) {
        if (!value.endsWith("%")) {
            throw invalid(expression, "\"" + value + "\" is not a percentage");
        }
        try {
            double p = Double.parseDouble(value.substring(0, value.length() - 1));
            if (p < 0 || p > 100 || Double.isNaN(p)) {
                throw invalid(expression, "\"" + value + "\" is not between 0% and 100%");
            }
            return p / 100.0;
        } catch (NumberFormatException e) {
            throw invalid(expression, "\"" + value + "\" is not a percentage");
        }
    }

    private static double count(String expression, String value) {
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                throw invalid(expression, "\"" + value + "\" is negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid(expression, "\"" + value + "\" is not a whole number");
        }
    }

    private static double micros(String expression, String value) {
        Duration d;
        try {
            d = GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(expression, "\"" + value + "\" is not a duration");
        }
        if (d.isNegative()) {
            throw invalid(expression, "\"" + value + "\" is negative");
        }
        return d.toNanos() / 1000.0;
    }

    private static IllegalArgumentException invalid(String expression, String reason) {
        return new IllegalArgumentException("invalid threshold \"" + expression + "\": " + reason + "; " + EXPECTED_FORM);
    }
}
