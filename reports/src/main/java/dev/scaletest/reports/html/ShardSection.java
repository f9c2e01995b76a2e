package dev.scaletest.reports.html;

import static dev.scaletest.reports.html.HtmlText.escape;

import dev.scaletest.reports.ReadableTime;
import dev.scaletest.reports.ReportMetadata;
import dev.scaletest.reports.ScaletestReport;
import dev.scaletest.reports.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The merged page's shard section: one row per input (shard, runs, passed, failed, verdict,
 * streams, start, end, duration), a row for each missing shard, the merge's caveat, and the
 * per-shard charts ({@link ShardCharts}).
 */
final class ShardSection {
    private ShardSection() {}

    static void render(StringBuilder out, ScaletestReport report, List<ChartData.Chart> charts) {
        ReportMetadata m = report.metadata();
        if (m.mergedFrom().isEmpty()) {
            return;
        }
        out.append("<section id=\"shards\"><h2>Shards</h2>");
        m.mergeNote().ifPresent(note -> out.append("<p class=\"note\">").append(escape(note)).append("</p>"));
        out.append("<table><thead><tr><th>shard</th><th class=\"num\">runs</th><th class=\"num\">passed</th>"
                + "<th class=\"num\">failed</th><th>verdict</th><th class=\"num\">streams</th><th>started</th>"
                + "<th>ended</th><th class=\"num\">duration</th></tr></thead><tbody>");
        for (Row row : rows(m)) {
            row(out, row);
        }
        out.append("</tbody></table>");
        if (!charts.isEmpty()) {
            out.append("<div class=\"grid\">");
            charts.forEach(c -> HtmlReport.figure(out, c));
            out.append("</div>");
        }
        out.append("</section>\n");
    }

    /** An input at its position among the inputs, or a missing shard (source null). */
    private record Row(int order, String name, ReportMetadata.Source source) {}

    private static List<Row> rows(ReportMetadata m) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < m.mergedFrom().size(); i++) {
            ReportMetadata.Source s = m.mergedFrom().get(i);
            rows.add(new Row(s.shard() != null ? s.shard().index() : i, ShardCharts.name(s, i), s));
        }
        int count = m.shardCount();
        for (int index : m.missingShards()) {
            rows.add(new Row(index, new dev.scaletest.harness.Shard(index, count).label(), null));
        }
        rows.sort(Comparator.comparingInt(Row::order));
        return rows;
    }

    private static void row(StringBuilder out, Row row) {
        out.append("<tr><td>").append(escape(row.name())).append("</td>");
        ReportMetadata.Source s = row.source();
        if (s == null) {
            out.append("<td class=\"fail\" colspan=\"8\">missing: no report from this shard was merged</td></tr>");
            return;
        }
        ReportMetadata.Figures f = s.figures();
        if (f == null) {
            out.append("<td class=\"muted\" colspan=\"5\">not recorded by the version that merged it</td>");
        } else {
            boolean passed = f.verdict() == Verdict.PASS;
            out.append("<td class=\"num\">").append(f.totalRuns()).append("</td><td class=\"num\">").append(f.totalPass())
                    .append("</td><td class=\"num\">").append(f.totalFail()).append("</td><td class=\"")
                    .append(passed ? "pass" : "fail").append("\">").append(escape(f.verdict().json()))
                    .append("</td><td class=\"num\">").append(f.streams()).append("</td>");
        }
        out.append("<td>").append(escape(ReadableTime.instant(s.startedAt()))).append("</td><td>")
                .append(escape(ReadableTime.instant(s.endedAt()))).append("</td><td class=\"num\">")
                .append(escape(ReadableTime.duration(Duration.between(s.startedAt(), s.endedAt()))))
                .append("</td></tr>");
    }
}
