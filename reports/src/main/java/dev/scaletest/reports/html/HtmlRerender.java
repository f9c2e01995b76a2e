package dev.scaletest.reports.html;

import dev.scaletest.reports.ReportJson;
import dev.scaletest.reports.ScaletestReport;
import java.io.IOException;
import java.nio.file.Path;

/** Rebuilds the HTML page from a JSON report ({@code scaletest report render run.json --output html:run.html}). */
public final class HtmlRerender {
    private final ReportJson json;
    private final HtmlReport html = new HtmlReport();

    public HtmlRerender(ReportJson json) {
        this.json = json;
    }

    public ScaletestReport render(Path jsonReport, Path htmlOut) throws IOException {
        ScaletestReport report = json.read(jsonReport);
        html.write(report, htmlOut);
        return report;
    }
}
