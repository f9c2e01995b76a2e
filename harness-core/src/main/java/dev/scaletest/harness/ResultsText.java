package dev.scaletest.harness;

import java.time.Duration;
import java.util.Map;

/** Results as Coder's {@code --output text} prints them, byte for byte (TABs are real TABs). */
public final class ResultsText {
    private ResultsText() {}

    public static String render(Results results) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, RunResult> entry : results.runs().entrySet()) {
            RunResult run = entry.getValue();
            if (run.passed()) {
                continue;
            }
            out.append("\n== FAIL: ").append(entry.getKey()).append("\n\n");
            out.append("\tError: ").append(run.error()).append("\n\n");
            out.append("\tLog:\n");
            appendCompleteLines(out, run.logs());
        }
        out.append("\n\nTest results:\n");
        if (results.totalRuns() == 0) {
            out.append("\tNo tests run\n");
            return out.toString();
        }
        out.append("\tPass:  ").append(results.totalPass()).append('\n');
        out.append("\tFail:  ").append(results.totalFail()).append('\n');
        out.append("\tTotal: ").append(results.totalRuns()).append('\n');
        out.append('\n');
        out.append("\tTotal duration: ").append(GoDuration.format(results.elapsed())).append('\n');
        out.append("\tAvg. duration:  ").append(GoDuration.format(averageDuration(results))).append('\n');
        return out.toString();
    }

    /** Sum of the runs' durations divided by the run count, in whole nanoseconds, as Go divides. */
    public static Duration averageDuration(Results results) {
        if (results.totalRuns() == 0) {
            return Duration.ZERO;
        }
        long sum = 0;
        for (RunResult run : results.runs().values()) {
            sum += run.duration().toNanos();
        }
        return Duration.ofNanos(sum / results.totalRuns());
    }

    // Coder reads the log line by line and stops at EOF, so a last fragment without '\n' is lost.
    private static void appendCompleteLines(StringBuilder out, String logs) {
        int start = 0;
        int newline;
        while ((newline = logs.indexOf('\n', start)) >= 0) {
            out.append("\t\t").append(logs, start, newline + 1);
            start = newline + 1;
        }
    }
}
