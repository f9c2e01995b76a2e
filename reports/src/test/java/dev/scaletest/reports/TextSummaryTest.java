package dev.scaletest.reports;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextSummaryTest {
    @Test
    void coderTextComesFirstUnchangedThenTheSummary() {
        ScaletestReport report = ReportFixtures.report();
        TestResultsCodec codec = new TestResultsCodec();
        String text = new TextSummary(codec).fullText(report);
        assertTrue(text.startsWith(codec.text(report.results())));
        String summary = text.substring(codec.text(report.results()).length());
        assertTrue(summary.contains("\tbuild.run"), summary);
        assertTrue(summary.contains("Delivery:"), summary);
        assertTrue(summary.contains("http_status") && summary.contains("first in workspacebuild/0"), summary);
        assertTrue(summary.contains("build.run:p95<120s"), summary);
        assertTrue(summary.contains("| FAIL"), summary);
        assertTrue(summary.contains("Rate limited (HTTP 429): 4 responses, waited 244.150s\n"), summary);
        assertTrue(summary.contains("\tPOST /users/login                            3  waited 183.750s\n"), summary);
        assertTrue(summary.endsWith("Verdict: fail\n"), summary);
    }
}
