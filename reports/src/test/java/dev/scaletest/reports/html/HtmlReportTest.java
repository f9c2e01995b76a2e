package dev.scaletest.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.reports.HtmlFixtures;
import dev.scaletest.reports.ReportJson;
import dev.scaletest.reports.ScaletestReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final Path OUT = Path.of("target", "html-report");

    @TempDir
    Path tmp;

    @Test
    void pageIsSelfContainedAndScriptSafe() {
        String html = new HtmlReport().render(HtmlFixtures.report());
        assertFalse(html.contains("src=\"http"), "no external scripts");
        assertFalse(html.contains("href=\"http"), "no external styles");
        int data = html.indexOf("<script type=\"application/json\" id=\"report-data\">");
        int dataEnd = html.indexOf("</script>", data);
        assertFalse(html.substring(data + 50, dataEnd).contains("<"), "data block cannot close itself");
        assertTrue(html.substring(data, dataEnd).contains("\"traffic.bytes_read\""), "throughput drawn");
        assertFalse(html.substring(data, dataEnd).contains("\"traffic.bytes_target\""),
                "planned bytes arrive as one spike per stream start and are no throughput");
        assertTrue(html.contains("&lt;/script&gt;&lt;b&gt;injected"), "failed-run logs are escaped");
        assertFalse(html.contains("<b>injected"));
        assertTrue(html.contains("<details><summary>workspacebuild/0"));
        assertTrue(html.contains("build.run:p95&lt;120s"));
        assertTrue(html.contains("uPlot"), "uPlot inlined");
        assertTrue(html.contains("<section id=\"throttling\"><h2>Rate limiting</h2>"), "throttling table");
        assertTrue(html.contains("<tr><td><code>POST /users/login</code></td><td class=\"num\">3</td><td class=\"num\">183.75s</td></tr>"));
    }

    @Test
    void rerenderFromJsonGivesTheSamePage() throws IOException {
        ScaletestReport report = HtmlFixtures.report();
        ReportJson json = new ReportJson(HtmlFixtures.codec());
        Path file = tmp.resolve("run.json");
        json.write(report, file);
        Path html = tmp.resolve("run.html");
        new HtmlRerender(json).render(file, html);
        assertEquals(new HtmlReport().render(report), Files.readString(html));
    }

    @Test
    void chartsDrawWithoutErrorsInHeadlessChromium() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.requireInstalled(tmp);
        Files.createDirectories(OUT);
        Path page = OUT.resolve("report.html").toAbsolutePath();
        String html = new HtmlReport().render(HtmlFixtures.report());
        Files.writeString(page, html, StandardCharsets.UTF_8);
        int containers = HeadlessChromium.chartContainers(html);
        assertTrue(containers >= 12, "latency, throughput, gauges, lifecycle and distribution charts: " + containers);
        chromium.assertEveryChartDrawsWithACleanConsole(page);

        Path shot = OUT.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        chromium.run(page, "--screenshot=" + shot, "--window-size=1400,2400");
        assertTrue(Files.size(shot) > 10_000, "screenshot written");
    }

    @Test
    void theHeaderShowsDurationsAndTimesAsPeopleReadThem() {
        String html = new HtmlReport().render(HtmlFixtures.report());
        assertTrue(html.contains(" failed; elapsed 45.0 s"), "not Go's 45s");
        assertTrue(html.contains("<dt>started</dt><dd>2026-11-22 04:00:00 UTC</dd>"));
        assertTrue(html.contains("<dt>ended</dt><dd>2026-11-22 04:01:00 UTC</dd>"));
        assertTrue(html.contains("<dt>duration</dt><dd>1 min</dd>"), "traffic duration");
        assertTrue(html.contains("Started 2026-11-22 04:00:00 UTC, took 31.0 s"), "failed run");
    }

    @Test
    void aMergedPageShowsItsShards() {
        ScaletestReport merged = HtmlFixtures.incompleteMerge();
        String html = new HtmlReport().render(merged);
        assertTrue(html.contains("; merged from 3 of 4 shards"), "header");
        assertTrue(html.contains("<dt>run id</dt><dd><code>nightly-7</code></dd>"));
        int section = html.indexOf("<section id=\"shards\">");
        assertTrue(section > 0 && section < html.indexOf("<section id=\"operations\">"), "shards before operations");
        assertTrue(html.contains("<tr><td>shard 1 of 4</td><td class=\"num\">4</td><td class=\"num\">4</td>"
                + "<td class=\"num\">0</td><td class=\"pass\">pass</td><td class=\"num\">4</td>"
                + "<td>2026-11-22 04:00:00 UTC</td><td>2026-11-22 04:00:30 UTC</td><td class=\"num\">30.0 s</td></tr>"),
                html.substring(section, html.indexOf("</section>", section)));
        assertTrue(html.contains("<tr><td>shard 2 of 4</td><td class=\"num\">4</td><td class=\"num\">3</td>"
                + "<td class=\"num\">1</td><td class=\"fail\">fail</td>"));
        assertTrue(html.contains("<tr><td>shard 3 of 4</td><td class=\"fail\" colspan=\"8\">missing"));
        assertTrue(html.indexOf("<td>shard 3 of 4</td>") < html.indexOf("<td>shard 4 of 4</td>"), "in shard order");
        for (String chart : new String[] {"shards-streams", "shards-bytes-read", "shards-created"}) {
            assertTrue(html.contains("data-chart=\"" + chart + "\""), chart);
        }
    }

    @Test
    void aMergedPageDrawsEveryChartInHeadlessChromium() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.requireInstalled(tmp);
        Files.createDirectories(OUT);
        Path page = OUT.resolve("merged.html").toAbsolutePath();
        String html = new HtmlReport().render(HtmlFixtures.incompleteMerge());
        Files.writeString(page, html, StandardCharsets.UTF_8);
        chromium.assertEveryChartDrawsWithACleanConsole(page);
        Path shot = OUT.resolve("merged.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        chromium.run(page, "--screenshot=" + shot, "--window-size=1400,2000");
        assertTrue(Files.size(shot) > 10_000, "screenshot written");
    }
}
