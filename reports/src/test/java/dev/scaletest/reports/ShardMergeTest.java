package dev.scaletest.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scaletest.reports.thresholds.Threshold;
import dev.scaletest.reports.thresholds.ThresholdOutcome;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** {@code report merge} over the shards of one run: the checks, an incomplete merge, and exact figures. */
class ShardMergeTest {
    private static final Instant START = ReportFixtures.START;
    private final ReportMerger merger = new ReportMerger();
    private final ReportJson json = new ReportJson(new TestResultsCodec());
    private final ObjectMapper mapper = new ObjectMapper();

    private static ScaletestReport shard(String runId, int index, int count) {
        return ReportFixtures.shard(runId, index, count, START.plusSeconds(index), ReportFixtures.samples(10 + index, 6, 1));
    }

    private static List<ScaletestReport> shards(String runId, int count, int... indexes) {
        List<ScaletestReport> out = new ArrayList<>();
        for (int i : indexes) {
            out.add(shard(runId, i, count));
        }
        return out;
    }

    @Test
    void missingShardsAreNamedAndRefused() {
        var e = assertThrows(ShardSetException.class, () -> merger.merge(shards("nightly-7", 4, 0, 2)));
        assertEquals("cannot merge run nightly-7 (4 shards): missing --shard 1/4, 3/4; --allow-incomplete merges the "
                + "shards that are there", e.getMessage());
        assertEquals(List.of(1, 3), e.missing());
        assertEquals(List.of(), e.duplicated());
    }

    @Test
    void aShardTwiceIsRefusedEvenWhenIncompleteMergesAreAllowed() {
        List<ScaletestReport> inputs = shards("nightly-7", 3, 0, 2, 2, 2);
        var e = assertThrows(ShardSetException.class, () -> merger.merge(inputs, MergeOptions.STRICT.allowingIncomplete()));
        assertEquals("cannot merge run nightly-7 (3 shards): missing --shard 1/3; more than one report for --shard 2/3 (3); "
                + "pass each shard's report once", e.getMessage());
        assertEquals(List.of(2), e.duplicated());
    }

    @Test
    void shardsOfDifferentRunsAreRefused() {
        List<ScaletestReport> inputs = new ArrayList<>(shards("nightly-7", 2, 0, 1));
        inputs.add(shard("nightly-8", 1, 2));
        inputs.add(shard(null, 1, 2));
        var e = assertThrows(ShardSetException.class, () -> merger.merge(inputs, MergeOptions.STRICT.allowingIncomplete()));
        assertEquals("cannot merge: the reports come from different runs (run id nightly-7: 2 reports, run id nightly-8: "
                + "1 report, no run id: 1 report); merge the shards of one run", e.getMessage());
    }

    @Test
    void shardsThatDisagreeOnTheCountAreRefused() {
        List<ScaletestReport> inputs = List.of(shard("r", 0, 2), shard("r", 1, 3));
        var e = assertThrows(ShardSetException.class, () -> merger.merge(inputs));
        assertEquals("cannot merge run r: the reports disagree on the shard count (count 2: 1 report, count 3: 1 report)",
                e.getMessage());
    }

    @Test
    void shardsMixedWithUnshardedReportsAreRefused() {
        List<ScaletestReport> inputs = List.of(shard("r", 0, 1), shard("r", 0, 0));
        var e = assertThrows(ShardSetException.class, () -> merger.merge(inputs));
        assertEquals("cannot merge run r: 1 of the reports are shards and 1 have no shard metadata; merge the shards of "
                + "one run only", e.getMessage());
        assertTrue(e instanceof IllegalArgumentException, "bad input: the command exits 2");
    }

    @Test
    void aCompleteMergeKeepsTheRunIdAndListsTheShardsWithTheirFigures() throws Exception {
        ScaletestReport merged = merger.merge(shards("nightly-7", 3, 2, 0, 1));
        ReportMetadata m = merged.metadata();
        assertEquals("nightly-7", m.runId());
        assertNull(m.shard());
        assertFalse(m.incomplete());
        assertEquals(Optional.empty(), m.mergeNote());
        assertEquals(Optional.of("merged from 3 of 3 shards"), m.scope());
        assertEquals(List.of(2, 0, 1), m.mergedFrom().stream().map(s -> s.shard().index()).toList(), "in input order");
        ReportMetadata.Figures second = m.mergedFrom().get(2).figures();
        assertEquals(4, second.totalRuns());
        assertEquals(1, second.totalFail(), "odd shards fail one run");
        assertEquals(Verdict.FAIL, second.verdict());
        assertEquals(4, second.streams());
        assertEquals(6, second.activity().points().size());
        assertTrue(second.activity().points().get(0).latencies().isEmpty(), "no histograms per shard");
        assertEquals(4 * 40_960.0, second.activity().points().get(1).rates().get(MetricNames.TRAFFIC_BYTES_WRITTEN));

        JsonNode node = mapper.readTree(json.toJson(merged));
        assertTrue(ReportJsonTest.validate(node).isEmpty(), ReportJsonTest.validate(node).toString());
        assertEquals("nightly-7", node.path("metadata").path("run_id").asText());
        assertFalse(node.path("metadata").has("incomplete"));
        JsonNode source = node.path("metadata").path("merged_from").get(0);
        assertEquals(2, source.path("shard").path("index").asInt());
        assertEquals("pass", source.path("verdict").asText());
        assertEquals(4, source.path("total_runs").asInt());
        assertEquals(6, source.path("activity").path("points").size());
        ScaletestReport back = json.read(new ByteArrayInputStream(json.toJson(merged).getBytes()), "merged");
        assertEquals(m.mergedFrom(), back.metadata().mergedFrom());
        assertEquals(json.toJson(merged), json.toJson(back), "reads back what it wrote");
    }

    @Test
    void mergingWhatIsThereMarksTheReportIncompleteEverywhere() throws Exception {
        ScaletestReport merged = merger.merge(shards("nightly-7", 4, 0, 2), MergeOptions.STRICT.allowingIncomplete());
        ReportMetadata m = merged.metadata();
        assertTrue(m.incomplete());
        assertEquals(List.of(1, 3), m.missingShards());
        String note = "Incomplete: no report from shard 2 of 4, shard 4 of 4; the figures cover the other 2 shards only.";
        assertEquals(Optional.of(note), m.mergeNote());

        JsonNode node = mapper.readTree(json.toJson(merged));
        assertTrue(ReportJsonTest.validate(node).isEmpty(), ReportJsonTest.validate(node).toString());
        assertTrue(node.path("metadata").path("incomplete").asBoolean());
        assertEquals("[1,3]", node.path("metadata").path("missing_shards").toString());
        ((ObjectNode) node.path("metadata")).remove("missing_shards");
        assertFalse(ReportJsonTest.validate(node).isEmpty(), "incomplete without the missing shards is invalid");

        String text = TextSummary.summary(merged);
        assertTrue(text.startsWith("\nRun nightly-7: merged from 2 of 4 shards\n" + note + "\n\n"), text);
        String html = new dev.scaletest.reports.html.HtmlReport().render(merged);
        assertTrue(html.contains("<p class=\"note\">" + note + "</p>"), "in the header and the shard section");
        assertTrue(html.contains("<tr><td>shard 2 of 4</td><td class=\"fail\" colspan=\"8\">missing"), "a row per missing shard");
        assertEquals(List.of(1, 3), json.read(new ByteArrayInputStream(json.toJson(merged).getBytes()), "m")
                .metadata().missingShards());
    }

    @Test
    void reportsWithoutShardMetadataMergeAsBeforeWithANote() {
        ScaletestReport a = ReportFixtures.shard("split-a", 0, 0, START, ReportFixtures.samples(1, 6, 1));
        ScaletestReport b = ReportFixtures.shard("split-b", 0, 0, START, ReportFixtures.samples(2, 6, 1));
        ScaletestReport merged = merger.merge(List.of(a, b));
        assertEquals(8, merged.results().totalRuns());
        assertNull(merged.metadata().runId(), "no one run id to keep");
        assertEquals(Optional.of("Merged 2 reports without shard metadata as they are: not checked to be the parts of one run."),
                merged.metadata().mergeNote());
        assertTrue(TextSummary.summary(merged).startsWith("\nRun: merged from 2 reports\nMerged 2 reports"));
        assertEquals("split-a", merger.merge(List.of(a, a)).metadata().runId(), "a shared run id is kept");
    }

    @Test
    void aMergedP99IsThePercentileOfAllSamplesAndThresholdsAreJudgedOnIt() {
        // shard 1's echo is ten times slower: its p99 alone, shard 0's alone and the whole run's all differ
        List<ReportFixtures.Sample> fast = ReportFixtures.samples(3, 6, 4);
        List<ReportFixtures.Sample> slow = ReportFixtures.samples(4, 6, 4).stream()
                .map(s -> s.op().startsWith("traffic") ? new ReportFixtures.Sample(s.interval(), s.op(), s.micros() * 10) : s)
                .toList();
        ScaletestReport merged = merger.merge(List.of(
                ReportFixtures.shard("r", 0, 2, START, fast), ReportFixtures.shard("r", 1, 2, START, slow)),
                List.of(Threshold.parse("traffic.echo_rtt:p99<1s")));

        Histogram whole = ReportFixtures.histogram();
        Histogram alone = ReportFixtures.histogram();
        fast.stream().filter(s -> s.op().equals(MetricNames.ECHO_RTT)).forEach(s -> {
            whole.recordValue(s.micros());
            alone.recordValue(s.micros());
        });
        slow.stream().filter(s -> s.op().equals(MetricNames.ECHO_RTT)).forEach(s -> whole.recordValue(s.micros()));
        double p99 = whole.getValueAtPercentile(99) / 1000.0;
        assertEquals(p99, merged.operations().get(MetricNames.ECHO_RTT).percentileMs(99));
        ThresholdOutcome gate = merged.thresholds().stream()
                .filter(t -> t.expression().equals("traffic.echo_rtt:p99<1s")).findFirst().orElseThrow();
        assertEquals(p99, gate.observedValue(), "judged on the merged whole");
        assertTrue(alone.getValueAtPercentile(99) / 1000.0 < p99, "not on a shard");
        assertEquals(whole.getTotalCount(), merged.operations().get(MetricNames.ECHO_RTT).count(), "counts summed");
    }

    @Test
    void aMergedReportOfAnOlderVersionStillReadsWithoutFiguresOrRunId() throws Exception {
        ScaletestReport merged = merger.merge(shards("nightly-7", 2, 0, 1));
        ObjectNode node = (ObjectNode) mapper.readTree(json.toJson(merged));
        ObjectNode meta = (ObjectNode) node.path("metadata");
        meta.remove("run_id");
        for (JsonNode s : meta.path("merged_from")) {
            ((ObjectNode) s).remove(List.of("total_runs", "total_pass", "total_fail", "verdict", "streams", "activity"));
        }
        assertTrue(ReportJsonTest.validate(node).isEmpty(), ReportJsonTest.validate(node).toString());
        ScaletestReport older = json.read(new ByteArrayInputStream(mapper.writeValueAsBytes(node)), "older");
        assertNull(older.metadata().runId());
        assertNull(older.metadata().mergedFrom().get(0).figures());
        String html = new dev.scaletest.reports.html.HtmlReport().render(older);
        assertTrue(html.contains("not recorded by the version that merged it"));
        assertEquals(4 * 2, merger.merge(List.of(older)).results().totalRuns(), "and merges again");
    }
}
