package dev.scaletest.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
    private final ReportJson json = new ReportJson(new TestResultsCodec());
    private final ObjectMapper mapper = new ObjectMapper();

    static Set<ValidationMessage> validate(JsonNode node) throws Exception {
        try (InputStream schema = ReportJson.class.getResourceAsStream("scaletest-report.schema.json")) {
            JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
            return s.validate(node);
        }
    }

    @Test
    void reportValidatesAgainstTheShippedSchema() throws Exception {
        JsonNode node = mapper.readTree(json.toJson(ReportFixtures.report()));
        Set<ValidationMessage> problems = validate(node);
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void reportWithoutMetricsOrThresholdsIsValidAndPasses() throws Exception {
        ScaletestReport report = new ReportBuilder().build(ReportFixtures.results(ReportFixtures.START, "cleanup", 3, 0),
                null, ReportFixtures.metadata(ReportFixtures.START, 2, null), List.of(), List.of());
        JsonNode node = mapper.readTree(json.toJson(report));
        assertTrue(validate(node).isEmpty(), validate(node).toString());
        assertEquals("pass", node.path("verdict").asText());
        assertTrue(node.path("traffic").isNull());
        assertEquals(0, node.path("timeseries").path("points").size());
        assertEquals(0, report.verdict().exitCode());
    }

    @Test
    void schemaRejectsAReportWithAnUnknownVerdict() throws Exception {
        JsonNode node = mapper.readTree(json.toJson(ReportFixtures.report()));
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("verdict", "maybe");
        assertFalse(validate(node).isEmpty());
    }

    @Test
    void coderFieldsComeFirstThenOursInOrder() throws Exception {
        String text = json.toJson(ReportFixtures.report());
        assertTrue(text.endsWith("}\n"));
        assertEquals(1, text.split("\n", -1).length - 1, "one line");
        List<String> keys = new ArrayList<>();
        mapper.readTree(text).fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("total_runs", "total_pass", "total_fail", "elapsed", "elapsed_ms", "runs",
                "scaletest_report_version", "metadata", "operations", "traffic", "errors", "timeseries", "thresholds",
                "verdict", "late_starts", "throttling"), keys);
    }

    @Test
    void escapesHtmlCharactersAsGoDoes() {
        String text = json.toJson(ReportFixtures.report());
        assertTrue(text.contains("\\u003cnil\\u003e"), "passing run's error");
        assertTrue(text.contains("\\u003cerror\\u003e terraform apply failed \\u0026 exited"));
        assertFalse(text.contains("<"));
    }

    @Test
    void escapesLineAndParagraphSeparatorsAsGoDoes() {
        ScaletestReport base = ReportFixtures.report();
        ScaletestReport report = new ScaletestReport(base.results(), base.metadata(), base.operations(), base.traffic(),
                List.of(new ErrorTally(dev.scaletest.errors.ErrorClass.OTHER, 1, "a\u2028b\u2029c", "x/1")),
                base.timeseries(), base.thresholds(), base.verdict(), base.lateStarts(), base.throttling());
        String text = json.toJson(report);
        assertTrue(text.contains("a\\u2028b\\u2029c"), text.substring(text.indexOf("\"errors\"")));
    }

    @Test
    void operationFiguresComeFromTheHistogram() throws Exception {
        ScaletestReport report = ReportFixtures.report();
        JsonNode ops = mapper.readTree(json.toJson(report)).path("operations");
        OperationStats build = report.operations().get("build.run");
        assertEquals(build.histogram().getTotalCount(), ops.path("build.run").path("count").asLong());
        assertEquals(build.histogram().getValueAtPercentile(95) / 1000.0, ops.path("build.run").path("p95_ms").asDouble());
        assertEquals(build.histogram().getMaxValue() / 1000.0, ops.path("build.run").path("max_ms").asDouble());
        assertTrue(ops.has("traffic.echo_rtt") && ops.has("traffic.echo_rtt.uncorrected"));
    }

    @Test
    void verdictAndTrafficAndTimeseries() throws Exception {
        JsonNode node = mapper.readTree(json.toJson(ReportFixtures.report()));
        assertEquals("fail", node.path("verdict").asText(), "one run failed");
        assertEquals(8, node.path("traffic").path("streams").asLong());
        assertTrue(node.path("traffic").path("delivery_ratio").asDouble() < 1.0);
        assertEquals(5000, node.path("timeseries").path("interval_ms").asLong());
        assertEquals(12, node.path("timeseries").path("points").size());
        JsonNode second = node.path("timeseries").path("points").get(1);
        assertEquals(5000, second.path("t").asLong());
        assertEquals(8 * 40_960.0, second.path("rates").path("traffic.bytes_target").asDouble());
        assertEquals(2, node.path("late_starts").asLong());
        assertEquals("http_status", node.path("errors").get(0).path("class").asText());
        assertEquals(2, node.path("errors").get(0).path("count").asLong());
        assertEquals("workspacebuild/0", node.path("errors").get(0).path("first_run").asText());
    }

    @Test
    void throttlingTotalsAndRoutes() throws Exception {
        JsonNode t = mapper.readTree(json.toJson(ReportFixtures.report())).path("throttling");
        assertEquals(4, t.path("responses").asLong());
        assertEquals(60_000 + 61_250 + 62_500 + 60_400, t.path("wait_ms").asLong());
        assertEquals(3, t.path("routes").path("POST /users/login").path("responses").asLong());
        assertEquals(183_750, t.path("routes").path("POST /users/login").path("wait_ms").asLong());
        assertEquals(60_400, t.path("routes").path("GET /workspacebuilds/{workspacebuild}").path("wait_ms").asLong());
    }

    @Test
    void retriesAndCreatesFoundExistingAreCountedPerRouteAndReadBack() throws Exception {
        ThrottleTallies tallies = new ThrottleTallies();
        tallies.retried("GET /workspaces/{workspace}");
        tallies.retried("POST /users");
        tallies.foundExisting("POST /users");
        Throttling throttling = tallies.snapshot();
        assertEquals(2, throttling.retries());
        assertEquals(1, throttling.foundExisting());
        ScaletestReport report = new ReportBuilder().build(ReportFixtures.results(ReportFixtures.START, "cleanup", 3, 0),
                null, ReportFixtures.metadata(ReportFixtures.START, 2, null), List.of(), List.of(), throttling);
        JsonNode t = mapper.readTree(json.toJson(report)).path("throttling");
        assertEquals(2, t.path("retries").asLong());
        assertEquals(1, t.path("found_existing").asLong());
        assertEquals(1, t.path("routes").path("POST /users").path("found_existing").asLong());
        assertTrue(validate(mapper.readTree(json.toJson(report))).isEmpty());
        assertEquals(throttling, json.read(new ByteArrayInputStream(json.toJson(report).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "written").throttling());
    }

    @Test
    void aReportWithoutThrottlingSaysSoAndAnOlderOneReadsAsNone() throws Exception {
        ScaletestReport quiet = new ReportBuilder().build(ReportFixtures.results(ReportFixtures.START, "cleanup", 3, 0),
                null, ReportFixtures.metadata(ReportFixtures.START, 2, null), List.of(), List.of());
        JsonNode node = mapper.readTree(json.toJson(quiet));
        assertEquals("{\"responses\":0,\"wait_ms\":0,\"retries\":0,\"found_existing\":0,\"routes\":{}}", node.path("throttling").toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("throttling");
        assertTrue(validate(node).isEmpty(), "older reports stay valid");
        ScaletestReport older = json.read(new ByteArrayInputStream(mapper.writeValueAsBytes(node)), "older");
        assertEquals(Throttling.NONE, older.throttling());
    }

    @Test
    void readsBackWhatItWrote() throws Exception {
        ScaletestReport report = ReportFixtures.report();
        String first = json.toJson(report);
        ScaletestReport back = json.read(new ByteArrayInputStream(first.getBytes(StandardCharsets.UTF_8)), "test");
        assertEquals(report.results(), back.results());
        assertEquals(report.operations().get("build.run").histogram(), back.operations().get("build.run").histogram());
        assertEquals(report.throttling(), back.throttling());
        assertEquals(first, json.toJson(back));
    }

    @Test
    void aShardCarriesItsRunIdAndShardAndAnOlderReportWithoutThemReads() throws Exception {
        ScaletestReport shard = ReportFixtures.shard("nightly-7", 2, 4, ReportFixtures.START, ReportFixtures.samples(1, 6, 1));
        JsonNode node = mapper.readTree(json.toJson(shard));
        assertTrue(validate(node).isEmpty(), validate(node).toString());
        JsonNode meta = node.path("metadata");
        assertEquals("nightly-7", meta.path("run_id").asText());
        assertEquals("{\"index\":2,\"count\":4}", meta.path("shard").toString(), "0-based in JSON");
        assertEquals("nightly-7", shard.metadata().runId(), "read back");
        assertEquals(new ReportMetadata.Shard(2, 4, null), shard.metadata().shard());

        ((com.fasterxml.jackson.databind.node.ObjectNode) meta).remove(List.of("run_id", "shard"));
        assertTrue(validate(node).isEmpty(), "older reports stay valid");
        ScaletestReport older = json.read(new ByteArrayInputStream(mapper.writeValueAsBytes(node)), "older");
        assertEquals(null, older.metadata().runId());
        assertEquals(null, older.metadata().shard());
    }

    @Test
    void aShardOutOfRangeDoesNotRead() throws Exception {
        ScaletestReport shard = ReportFixtures.shard("r", 1, 2, ReportFixtures.START, ReportFixtures.samples(1, 6, 1));
        String text = json.toJson(shard).replace("\"shard\":{\"index\":1,\"count\":2}", "\"shard\":{\"index\":2,\"count\":2}");
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> json.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "bad.json"));
        assertEquals("shard 2/2: index 2 is not below the count 2 (indexes run from 0 to 1)", e.getMessage());
    }
}
