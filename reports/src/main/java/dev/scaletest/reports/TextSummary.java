package dev.scaletest.reports;

import dev.scaletest.reports.thresholds.ThresholdTable;
import java.util.List;
import java.util.Locale;

/**
 * The human summary printed after Coder's text results: operations with p50/p95/p99, traffic,
 * errors by class and thresholds. It only appends, so Coder's text before it stays byte-identical.
 */
public final class TextSummary {
    private final ResultsCodec codec;

    public TextSummary(ResultsCodec codec) {
        this.codec = codec;
    }

    /** Coder's text output followed by the summary: what {@code --output text} prints. */
    public String fullText(ScaletestReport report) {
        return codec.text(report.results()) + summary(report);
    }

    /** The summary alone, starting with a blank line. */
    public static String summary(ScaletestReport report) {
        StringBuilder out = new StringBuilder("\n");
        run(out, report.metadata());
        phases(out, report);
        if (!report.operations().isEmpty()) {
            int width = Math.max("operation".length(),
                    report.operations().keySet().stream().mapToInt(String::length).max().orElse(0));
            String row = "\t%-" + width + "s %8s %12s %12s %12s %12s%n";
            out.append("Operations:\n");
            out.append(String.format(Locale.ROOT, row, "operation", "count", "p50", "p95", "p99", "max"));
            for (OperationStats op : report.operations().values()) {
                out.append(String.format(Locale.ROOT, row, op.name(), op.count(), ms(op.percentileMs(50)),
                        ms(op.percentileMs(95)), ms(op.percentileMs(99)), ms(op.maxMs())));
            }
            out.append('\n');
        }
        if (report.traffic() != null) {
            TrafficSummary t = report.traffic();
            out.append("Traffic:\n");
            out.append(String.format(Locale.ROOT, "\tStreams:   %d (%d reconnects)%n", t.streams(), t.reconnects()));
            out.append(String.format(Locale.ROOT, "\tWritten:   %s%n", bytes(t.bytesWritten())));
            out.append(String.format(Locale.ROOT, "\tRead:      %s%n", bytes(t.bytesRead())));
            out.append(String.format(Locale.ROOT, "\tPlanned:   %s%n", bytes(t.targetBytes())));
            out.append(String.format(Locale.ROOT, "\tDelivery:  %.2f%%%n", t.deliveryRatio() * 100));
            out.append('\n');
        }
        if (!report.errors().isEmpty()) {
            out.append("Errors by class:\n");
            for (ErrorTally e : report.errors()) {
                out.append(String.format(Locale.ROOT, "\t%-16s %6d  first in %s: %s%n",
                        e.errorClass().name().toLowerCase(Locale.ROOT), e.count(), e.firstRun(),
                        e.example().lines().findFirst().orElse("")));
            }
            out.append('\n');
        }
        Throttling throttling = report.throttling();
        if (throttling.responses() > 0) {
            int width = throttling.routes().keySet().stream().mapToInt(String::length).max().orElse(0);
            out.append(String.format(Locale.ROOT, "Rate limited (HTTP 429): %d responses, waited %s%n", throttling.responses(),
                    ms(throttling.waitMs())));
            throttling.routes().forEach((route, r) -> out.append(String.format(Locale.ROOT, "\t%-" + width + "s %8d  waited %s%n",
                    route, r.responses(), ms(r.waitMs()))));
            out.append('\n');
        }
        if (report.lateStarts() > 0) {
            out.append("Late starts: ").append(report.lateStarts()).append("\n\n");
        }
        if (!report.thresholds().isEmpty()) {
            out.append("Thresholds:\n");
            ThresholdTable.render(report.thresholds()).lines().forEach(l -> out.append('\t').append(l).append('\n'));
            out.append('\n');
        }
        out.append("Verdict: ").append(report.verdict().json()).append('\n');
        return out.toString();
    }

    /**
     * Which run and which part of it, coderd's version, and the merge's caveat; nothing for a whole
     * run without a run id or a version (reports of older versions).
     */
    private static void run(StringBuilder out, ReportMetadata m) {
        if (m.runId() == null && m.scope().isEmpty() && m.coderVersion() == null) {
            return;
        }
        if (m.runId() != null || m.scope().isPresent()) {
            String run = m.runId() == null ? "Run" : "Run " + m.runId();
            out.append(m.scope().map(scope -> run + ": " + scope).orElse(run)).append('\n');
        }
        if (m.coderVersion() != null) {
            out.append("Coder version: ").append(m.coderVersion()).append('\n');
        }
        m.mergeNote().ifPresent(note -> out.append(note).append('\n'));
        out.append('\n');
    }

    private static String ms(double millis) {
        if (millis >= 1000) {
            return String.format(Locale.ROOT, "%.3fs", millis / 1000);
        }
        return String.format(Locale.ROOT, "%.3fms", millis);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s (%d B)", v, units[u], n);
    }

    /** With more than one phase (scaletest run: create, then traffic), each phase's runs, before the operations of all. */
    private static void phases(StringBuilder out, ScaletestReport report) {
        List<PhaseTally> phases = PhaseTally.of(report.results());
        if (phases.size() < 2) {
            return;
        }
        int width = phases.stream().mapToInt(p -> p.testName().length()).max().orElse(0);
        out.append("Phases:\n");
        for (PhaseTally p : phases) {
            out.append(String.format(Locale.ROOT, "\t%-" + width + "s %6d runs, %d passed, %d failed%n", p.testName(), p.runs(),
                    p.pass(), p.fail()));
        }
        out.append('\n');
    }
}
