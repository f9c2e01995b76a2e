package dev.scaletest.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void aShardSaysWhichRunAndWhichShardOneBased() {
        ScaletestReport shard = ReportFixtures.shard("nightly-7", 0, 4, ReportFixtures.START, ReportFixtures.samples(1, 6, 1));
        assertTrue(TextSummary.summary(shard).startsWith("\nRun nightly-7: shard 1 of 4\n\nOperations:\n"),
                TextSummary.summary(shard));
        ScaletestReport whole = ReportFixtures.report();
        assertTrue(TextSummary.summary(whole).startsWith("\nOperations:\n"), "a whole run without run id: as before");
        TestResultsCodec codec = new TestResultsCodec();
        assertEquals(codec.text(shard.results()), new TextSummary(codec).fullText(shard)
                .substring(0, codec.text(shard.results()).length()), "Coder's text untouched");
    }
}
