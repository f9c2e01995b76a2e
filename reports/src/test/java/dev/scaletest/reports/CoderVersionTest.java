package dev.scaletest.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scaletest.reports.html.HtmlReport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code metadata.coder_version}: coderd's version in every form of the report, so nightly runs
 * compare across upgrades; reports without it (older ones) read and render as before.
 */
class CoderVersionTest {
    private final ReportJson json = new ReportJson(new TestResultsCodec());
    private final ObjectMapper mapper = new ObjectMapper();

    private static ScaletestReport withVersion(ScaletestReport r, String version) {
        return new ScaletestReport(r.results(), r.metadata().withCoderVersion(version), r.operations(), r.traffic(), r.errors(),
                r.timeseries(), r.thresholds(), r.verdict(), r.lateStarts(), r.throttling());
    }

    private static ScaletestReport shard(int index, String version) {
        return withVersion(ReportFixtures.shard("nightly-9", index, 2, ReportFixtures.START.plusSeconds(index),
                ReportFixtures.samples(3 + index, 6, 1)), version);
    }

    @Test
    void theJsonCarriesItAfterTheTargetValidatesAndReadsBack() throws Exception {
        ScaletestReport report = shard(0, "v2.24.1");
        String text = json.toJson(report);
        JsonNode node = mapper.readTree(text);
        assertEquals("v2.24.1", node.at("/metadata/coder_version").asText());
        assertTrue(text.indexOf("\"target_url\"") < text.indexOf("\"coder_version\""), text);
        assertTrue(ReportJsonTest.validate(node).isEmpty(), ReportJsonTest.validate(node).toString());
        ScaletestReport back = json.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "r.json");
        assertEquals("v2.24.1", back.metadata().coderVersion());
        assertEquals(text, json.toJson(back));

        ((ObjectNode) node.get("metadata")).remove("coder_version");
        ScaletestReport older = json.read(new ByteArrayInputStream(mapper.writeValueAsBytes(node)), "older.json");
        assertNull(older.metadata().coderVersion());
        assertFalse(json.toJson(older).contains("coder_version"));
    }

    @Test
    void theTextSummaryAndThePageNameIt() {
        ScaletestReport report = shard(1, "v2.24.1");
        assertTrue(TextSummary.summary(report).startsWith("\nRun nightly-9: shard 2 of 2\nCoder version: v2.24.1\n\n"),
                TextSummary.summary(report));
        ScaletestReport whole = withVersion(ReportFixtures.report(), "v2.25.0");
        assertTrue(TextSummary.summary(whole).startsWith("\nCoder version: v2.25.0\n\nOperations:"), TextSummary.summary(whole));
        assertTrue(new HtmlReport().render(report).contains("<dt>Coder version</dt><dd>v2.24.1</dd>"));
        assertFalse(new HtmlReport().render(ReportFixtures.report()).contains("Coder version"));
    }

    @Test
    void aMergeKeepsTheOneVersionItsShardsSawAndListsEachOfSeveral() {
        ReportMerger merger = new ReportMerger();
        assertEquals("v2.24.1", merger.merge(List.of(shard(0, "v2.24.1"), shard(1, "v2.24.1"))).metadata().coderVersion());
        assertEquals("v2.24.1, v2.25.0",
                merger.merge(List.of(shard(0, "v2.24.1"), shard(1, "v2.25.0"))).metadata().coderVersion());
        assertEquals("v2.25.0", merger.merge(List.of(shard(0, null), shard(1, "v2.25.0"))).metadata().coderVersion());
        assertNull(merger.merge(List.of(shard(0, null), shard(1, null))).metadata().coderVersion());
    }
}
