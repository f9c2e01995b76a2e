package dev.scaletest.reports.html;

import static dev.scaletest.reports.html.HtmlText.escape;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.harness.Results;
import dev.scaletest.harness.RunResult;
import dev.scaletest.reports.ErrorTally;
import dev.scaletest.reports.OperationStats;
import dev.scaletest.reports.PhaseTally;
import dev.scaletest.reports.ReadableTime;
import dev.scaletest.reports.ReportMetadata;
import dev.scaletest.reports.ScaletestReport;
import dev.scaletest.reports.Throttling;
import dev.scaletest.reports.TrafficSummary;
import dev.scaletest.reports.thresholds.ThresholdOutcome;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML report ({@code --output html:path}): one self-contained page that opens offline. uPlot
 * (MIT, vendored) and the chart data are inlined; tables are rendered here, charts by the page.
 * Every chart container carries {@code data-chart}; after drawing the page sets
 * {@code body.dataset.chartsDrawn} and collects script errors in {@code body.dataset.consoleErrors}.
 */
public final class HtmlReport {
    private static final String ERROR_CAPTURE = """
            (function () {
              var errors = [];
              function flush() { if (document.body) document.body.dataset.consoleErrors = errors.join(" | "); }
              window.__reportErrorsFlush = flush;
              window.onerror = function (message) { errors.push(String(message)); flush(); };
              var original = console.error;
              console.error = function () {
                errors.push(Array.prototype.map.call(arguments, String).join(" "));
                flush();
                return original.apply(console, arguments);
              };
              document.addEventListener("DOMContentLoaded", flush);
            })();
            """;

    private final String uplotJs;
    private final String uplotCss;
    private final String pageJs;
    private final String pageCss;
    private final ChartData chartData = new ChartData();

    public HtmlReport() {
        this(new PageAssets(HtmlReport.class.getClassLoader()));
    }

    HtmlReport(PageAssets assets) {
        uplotJs = inlinable(assets.read(PageAssets.UPLOT_JS), "</script");
        uplotCss = inlinable(assets.read(PageAssets.UPLOT_CSS), "</style");
        pageJs = inlinable(assets.read(PageAssets.PAGE_JS), "</script");
        pageCss = inlinable(assets.read(PageAssets.PAGE_CSS), "</style");
    }

    public void write(ScaletestReport report, Path path) throws IOException {
        Files.writeString(path, render(report), StandardCharsets.UTF_8);
    }

    public String render(ScaletestReport report) {
        List<ChartData.Chart> charts = chartData.charts(report);
        StringBuilder out = new StringBuilder(256 * 1024);
        Results r = report.results();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>scaletest report: ").append(escape(report.verdict().json())).append("</title>\n")
                .append("<script>").append(ERROR_CAPTURE).append("</script>\n")
                .append("<style>").append(uplotCss).append("</style>\n")
                .append("<style>").append(pageCss).append("</style>\n</head>\n<body>\n<main>\n");

        out.append("<header class=\"verdict verdict-").append(report.verdict().json()).append("\">")
                .append("<div class=\"badge\">").append(verdictText(report)).append("</div><div><h1>scaletest report</h1><p>")
                .append(r.totalRuns()).append(" runs: ").append(r.totalPass()).append(" passed, ")
                .append(r.totalFail()).append(" failed; elapsed ").append(escape(ReadableTime.duration(r.elapsed())));
        report.metadata().scope().ifPresent(scope -> out.append("; ").append(escape(scope)));
        long failedThresholds = report.thresholds().stream().filter(t -> !t.passed()).count();
        if (!report.thresholds().isEmpty()) {
            out.append("; ").append(report.thresholds().size() - failedThresholds).append(" of ")
                    .append(report.thresholds().size()).append(" thresholds held");
        }
        out.append("</p>");
        report.metadata().mergeNote().ifPresent(note -> out.append("<p class=\"note\">").append(escape(note)).append("</p>"));
        out.append("</div></header>\n");

        if (!report.thresholds().isEmpty()) {
            out.append("<section id=\"thresholds\"><h2>Thresholds</h2><table><thead><tr><th>expression</th>"
                    + "<th>observed</th><th>result</th></tr></thead><tbody>");
            for (ThresholdOutcome t : report.thresholds()) {
                out.append("<tr><td><code>").append(escape(t.expression())).append("</code></td><td>")
                        .append(escape(t.observed())).append("</td><td class=\"").append(t.passed() ? "pass" : "fail")
                        .append("\">").append(t.passed() ? "pass" : "FAIL").append("</td></tr>");
            }
            out.append("</tbody></table></section>\n");
        }

        Map<String, List<ChartData.Chart>> bySection = new LinkedHashMap<>();
        for (String section : List.of("shards", "latency", "throughput", "lifecycle", "distribution")) {
            bySection.put(section, new ArrayList<>());
        }
        charts.forEach(c -> bySection.get(c.section()).add(c));
        metadata(out, report);
        ShardSection.render(out, report, bySection.get("shards"));
        phases(out, report);
        operations(out, report);
        traffic(out, report.traffic());

        chartSection(out, "latency", "Latency over time", bySection.get("latency"),
                "p50, p95 and p99 of each sampling interval; dashed lines are the uncorrected twins of "
                        + "coordinated-omission-corrected operations.");
        chartSection(out, "throughput", "Throughput and concurrency", bySection.get("throughput"), null);
        lifecycle(out, report, bySection.get("lifecycle"));
        chartSection(out, "distribution", "Latency distribution", bySection.get("distribution"),
                "Latency at each percentile over the whole run (log scale: 90%, 99%, 99.9% ... are evenly spaced).");
        errors(out, report.errors());
        throttling(out, report.throttling());
        failedRuns(out, r);

        out.append("</main>\n<script type=\"application/json\" id=\"report-data\">")
                .append(scriptSafeJson(chartData.toJson(charts))).append("</script>\n")
                .append("<script>").append(uplotJs).append("</script>\n")
                .append("<script>").append(pageJs).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private static String verdictText(ScaletestReport report) {
        return switch (report.verdict()) {
            case PASS -> "PASS";
            case FAIL -> "FAIL";
            case THRESHOLDS_FAILED -> "THRESHOLDS FAILED";
        };
    }

    private static void metadata(StringBuilder out, ScaletestReport report) {
        ReportMetadata m = report.metadata();
        out.append("<section id=\"metadata\"><h2>Run</h2><dl>");
        dt(out, "target", escape(m.targetUrl()));
        dt(out, "command", "<code>" + escape(m.commandLine()) + "</code>");
        dt(out, "started", escape(ReadableTime.instant(m.startedAt())));
        dt(out, "ended", escape(ReadableTime.instant(m.endedAt())));
        if (m.coderVersion() != null) {
            dt(out, "Coder version", escape(m.coderVersion()));
        }
        dt(out, "tool version", escape(m.toolVersion()));
        if (m.runId() != null) {
            dt(out, "run id", "<code>" + escape(m.runId()) + "</code>");
        }
        if (m.shard() != null) {
            dt(out, "shard", escape(m.shard().label())
                    + (m.shard().targetRange() == null ? "" : " (targets " + escape(m.shard().targetRange()) + ")"));
        }
        if (!m.mergedFrom().isEmpty()) {
            dt(out, "merged", escape(m.scope().orElseThrow()) + " (see <a href=\"#shards\">Shards</a>)");
        }
        if (!m.renamedRuns().isEmpty()) {
            dt(out, "renamed runs", m.renamedRuns().size() + " run ids that clashed across shards got a #shard suffix");
        }
        if (report.lateStarts() > 0) {
            dt(out, "late starts", Long.toString(report.lateStarts()));
        }
        out.append("</dl></section>\n");
    }

    private static void dt(StringBuilder out, String term, String html) {
        out.append("<dt>").append(term).append("</dt><dd>").append(html).append("</dd>");
    }

    /** With more than one phase (scaletest run: create, then traffic), each phase's runs. */
    private static void phases(StringBuilder out, ScaletestReport report) {
        List<PhaseTally> phases = PhaseTally.of(report.results());
        if (phases.size() < 2) {
            return;
        }
        out.append("<section id=\"phases\"><h2>Phases</h2><table><thead><tr><th>phase</th><th class=\"num\">runs</th>")
                .append("<th class=\"num\">passed</th><th class=\"num\">failed</th></tr></thead><tbody>");
        for (PhaseTally p : phases) {
            out.append("<tr><td><code>").append(escape(p.testName())).append("</code></td><td class=\"num\">").append(p.runs())
                    .append("</td><td class=\"num\">").append(p.pass()).append("</td><td class=\"num\">").append(p.fail())
                    .append("</td></tr>");
        }
        out.append("</tbody></table></section>\n");
    }

    private static void operations(StringBuilder out, ScaletestReport report) {
        if (report.operations().isEmpty()) {
            return;
        }
        out.append("<section id=\"operations\"><h2>Operations</h2><table><thead><tr><th>operation</th>");
        for (String h : List.of("count", "min", "p50", "p90", "p95", "p99", "p99.9", "max", "mean")) {
            out.append("<th class=\"num\">").append(h).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (OperationStats op : report.operations().values()) {
            out.append("<tr><td><code>").append(escape(op.name())).append("</code></td><td class=\"num\">")
                    .append(op.count()).append("</td>");
            for (double v : new double[] {op.minMs(), op.percentileMs(50), op.percentileMs(90), op.percentileMs(95),
                    op.percentileMs(99), op.percentileMs(99.9), op.maxMs(), op.meanMs()}) {
                out.append("<td class=\"num\">").append(ms(v)).append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table></section>\n");
    }

    private static void traffic(StringBuilder out, TrafficSummary t) {
        if (t == null) {
            return;
        }
        out.append("<section id=\"traffic\"><h2>Traffic</h2><dl>");
        dt(out, "streams", t.streams() + " (" + t.reconnects() + " reconnects)");
        dt(out, "bytes written", String.format(Locale.ROOT, "%,d", t.bytesWritten()));
        dt(out, "bytes read", String.format(Locale.ROOT, "%,d", t.bytesRead()));
        dt(out, "bytes planned", String.format(Locale.ROOT, "%,d", t.targetBytes()));
        dt(out, "delivery", String.format(Locale.ROOT, "%.2f%%", t.deliveryRatio() * 100));
        dt(out, "duration", escape(ReadableTime.duration(t.duration())));
        out.append("</dl></section>\n");
    }

    private static void chartSection(StringBuilder out, String id, String title, List<ChartData.Chart> charts, String note) {
        if (charts.isEmpty()) {
            return;
        }
        out.append("<section id=\"").append(id).append("\"><h2>").append(title).append("</h2>");
        if (note != null) {
            out.append("<p class=\"muted\">").append(escape(note)).append("</p>");
        }
        out.append("<div class=\"grid\">");
        charts.forEach(c -> figure(out, c));
        out.append("</div></section>\n");
    }

    static void figure(StringBuilder out, ChartData.Chart c) {
        out.append("<figure><figcaption>").append(escape(c.title())).append("</figcaption><div class=\"chart\" data-chart=\"")
                .append(escape(c.id())).append("\"></div></figure>");
    }

    private static void lifecycle(StringBuilder out, ScaletestReport report, List<ChartData.Chart> charts) {
        List<OperationStats> steps = ChartData.lifecycle(report);
        if (steps.isEmpty()) {
            return;
        }
        out.append("<section id=\"lifecycle\"><h2>Workspace lifecycle</h2><div class=\"grid\"><div><table><thead><tr>"
                + "<th>step</th><th class=\"num\">count</th><th class=\"num\">p50</th><th class=\"num\">p95</th>"
                + "<th class=\"num\">p99</th><th class=\"num\">max</th></tr></thead><tbody>");
        for (OperationStats op : steps) {
            out.append("<tr><td><code>").append(escape(op.name())).append("</code></td><td class=\"num\">")
                    .append(op.count()).append("</td><td class=\"num\">").append(ms(op.percentileMs(50)))
                    .append("</td><td class=\"num\">").append(ms(op.percentileMs(95))).append("</td><td class=\"num\">")
                    .append(ms(op.percentileMs(99))).append("</td><td class=\"num\">").append(ms(op.maxMs()))
                    .append("</td></tr>");
        }
        out.append("</tbody></table></div>");
        charts.forEach(c -> figure(out, c));
        out.append("</div></section>\n");
    }

    private static void errors(StringBuilder out, List<ErrorTally> errors) {
        if (errors.isEmpty()) {
            return;
        }
        out.append("<section id=\"errors\"><h2>Errors by class</h2><table><thead><tr><th>class</th>"
                + "<th class=\"num\">count</th><th>first run</th><th>first example</th></tr></thead><tbody>");
        for (ErrorTally e : errors) {
            out.append("<tr><td><code>").append(e.errorClass().name().toLowerCase(Locale.ROOT))
                    .append("</code></td><td class=\"num\">").append(e.count()).append("</td><td><code>")
                    .append(escape(e.firstRun())).append("</code></td><td>").append(escape(e.example()))
                    .append("</td></tr>");
        }
        out.append("</tbody></table></section>\n");
    }

    private static void throttling(StringBuilder out, Throttling t) {
        if (t.responses() == 0) {
            return;
        }
        out.append("<section id=\"throttling\"><h2>Rate limiting</h2><p class=\"muted\">coderd answered ")
                .append(t.responses()).append(" requests with HTTP 429; the runs waited ").append(ms(t.waitMs()))
                .append(" in all before sending them again.</p><table><thead><tr><th>route</th>"
                        + "<th class=\"num\">429 responses</th><th class=\"num\">waited</th></tr></thead><tbody>");
        t.routes().forEach((route, r) -> out.append("<tr><td><code>").append(escape(route)).append("</code></td><td class=\"num\">")
                .append(r.responses()).append("</td><td class=\"num\">").append(ms(r.waitMs())).append("</td></tr>"));
        out.append("</tbody></table></section>\n");
    }

    private static void failedRuns(StringBuilder out, Results results) {
        List<RunResult> failed = results.runs().values().stream().filter(r -> !r.passed()).toList();
        if (failed.isEmpty()) {
            return;
        }
        out.append("<section id=\"failed-runs\"><h2>Failed runs (").append(failed.size()).append(")</h2>");
        for (RunResult run : failed) {
            out.append("<details><summary>").append(escape(run.fullId())).append("<span>")
                    .append(escape(run.error().lines().findFirst().orElse(""))).append("</span></summary><pre>")
                    .append("Error: ").append(escape(run.error())).append("\n\nStarted ")
                    .append(escape(ReadableTime.instant(run.startedAt().toInstant()))).append(", took ")
                    .append(escape(ReadableTime.duration(run.duration()))).append("\n\nLog:\n")
                    .append(escape(run.logs())).append("</pre></details>");
        }
        out.append("</section>\n");
    }

    private static String ms(double millis) {
        if (millis >= 1000) {
            return String.format(Locale.ROOT, "%.2fs", millis / 1000);
        }
        return String.format(Locale.ROOT, "%.1fms", millis);
    }

    /** JSON with {@code < > &} escaped, so no string inside can end the script element. */
    static String scriptSafeJson(Object tree) {
        JsonFactory factory = new JsonFactory();
        factory.setCharacterEscapes(new com.fasterxml.jackson.core.io.CharacterEscapes() {
            private static final long serialVersionUID = 1L;
            private final int[] escapes = withHtml(standardAsciiEscapesForJSON());

            private static int[] withHtml(int[] base) {
                base['<'] = ESCAPE_STANDARD;
                base['>'] = ESCAPE_STANDARD;
                base['&'] = ESCAPE_STANDARD;
                return base;
            }

            @Override
            public int[] getEscapeCodesForAscii() {
                return escapes;
            }

            @Override
            public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
                return null;
            }
        });
        StringWriter out = new StringWriter();
        try (JsonGenerator g = factory.createGenerator(out)) {
            new ObjectMapper().writeTree(g, (com.fasterxml.jackson.databind.JsonNode) tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String inlinable(String text, String closingTag) {
        if (text.toLowerCase(Locale.ROOT).contains(closingTag)) {
            throw new IllegalStateException("resource contains " + closingTag + " and cannot be inlined");
        }
        return text;
    }
}
