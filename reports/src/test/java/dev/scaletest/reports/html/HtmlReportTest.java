package dev.scaletest.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scaletest.reports.HtmlFixtures;
import dev.scaletest.reports.ReportJson;
import dev.scaletest.reports.ScaletestReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
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
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed");
        Files.createDirectories(OUT);
        Path page = OUT.resolve("report.html").toAbsolutePath();
        String html = new HtmlReport().render(HtmlFixtures.report());
        Files.writeString(page, html, StandardCharsets.UTF_8);
        int containers = count(html, Pattern.compile("<div class=\"chart\" data-chart=\""));
        assertTrue(containers >= 12, "latency, throughput, gauges, lifecycle and distribution charts: " + containers);

        String dom = chromium(List.of("--dump-dom", page.toUri().toString()));
        Matcher body = Pattern.compile("<body[^>]*>").matcher(dom);
        assertTrue(body.find(), dom.length() > 500 ? dom.substring(0, 500) : dom);
        String tag = body.group();
        assertTrue(tag.contains("data-console-errors=\"\""), tag);
        assertTrue(tag.contains("data-charts-drawn=\"" + containers + "\""), tag);
        assertEquals(containers, count(dom, Pattern.compile("class=\"uplot")), "a uPlot per container");

        Path shot = OUT.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        chromium(List.of("--screenshot=" + shot, "--window-size=1400,2400", page.toUri().toString()));
        assertTrue(Files.size(shot) > 10_000, "screenshot written");
    }

    private String chromium(List<String> extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium"),
                "--virtual-time-budget=5000"));
        command.addAll(extra);
        Path stdout = Files.createTempFile(tmp, "out", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(tmp.resolve("chromium-err-" + System.nanoTime() + ".txt").toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90s");
        }
        return Files.readString(stdout);
    }

    private static int count(String text, Pattern pattern) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
