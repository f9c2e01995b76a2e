package dev.scaletest.reports.thresholds;

import java.util.List;

/** Threshold outcomes as a plain-text table: expression | observed | result. */
public final class ThresholdTable {
    private ThresholdTable() {}

    public static String render(List<ThresholdOutcome> outcomes) {
        int exprWidth = "expression".length();
        int obsWidth = "observed".length();
        for (ThresholdOutcome o : outcomes) {
            exprWidth = Math.max(exprWidth, o.expression().length());
            obsWidth = Math.max(obsWidth, o.observed().length());
        }
        StringBuilder out = new StringBuilder();
        String format = "%-" + exprWidth + "s | %-" + obsWidth + "s | %s%n";
        out.append(String.format(format, "expression", "observed", "result"));
        out.append("-".repeat(exprWidth)).append("-+-").append("-".repeat(obsWidth)).append("-+-------\n");
        for (ThresholdOutcome o : outcomes) {
            out.append(String.format(format, o.expression(), o.observed(), o.passed() ? "pass" : "FAIL"));
        }
        return out.toString().replace("\r\n", "\n");
    }
}
