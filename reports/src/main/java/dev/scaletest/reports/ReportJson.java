package dev.scaletest.reports;

import com.fasterxml.jackson.core.JsonFactory;
import dev.scaletest.errors.ErrorClass;
import dev.scaletest.harness.ResultsJson;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.harness.GoDuration;
import dev.scaletest.harness.Results;
import dev.scaletest.reports.thresholds.ThresholdOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The JSON report ({@code --output json:path}): Coder's fields first, written by the injected
 * {@link ResultsCodec}, then scaletest's own, in snake_case. Compact, one line, newline-terminated,
 * with Go's HTML escaping, like Coder's.
 */
public final class ReportJson {
    private final ResultsCodec codec;
    private final JsonFactory factory;
    private final ObjectMapper mapper = new ObjectMapper();

    public ReportJson(ResultsCodec codec) {
        this.codec = codec;
        // Go's escaping, shared with the harness, so Coder's part stays byte-identical and no string
        // can close an HTML <script> block.
        this.factory = ResultsJson.goCompatibleFactory();
    }

    public void write(ScaletestReport report, Path path) throws IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            write(report, out);
        }
    }

    public void write(ScaletestReport report, OutputStream out) throws IOException {
        Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
        write(report, writer);
        writer.flush();
    }

    public String toJson(ScaletestReport report) {
        StringWriter out = new StringWriter();
        try {
            write(report, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    private void write(ScaletestReport report, Writer writer) throws IOException {
        JsonGenerator g = factory.createGenerator(writer);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.writeStartObject();
        codec.writeFields(g, report.results());
        g.writeNumberField("scaletest_report_version", ScaletestReport.VERSION);
        MetadataJson.write(g, report.metadata());
        g.writeObjectFieldStart("operations");
        for (OperationStats op : report.operations().values()) {
            g.writeObjectFieldStart(op.name());
            g.writeNumberField("count", op.count());
            g.writeNumberField("min_ms", op.minMs());
            g.writeNumberField("p50_ms", op.percentileMs(50));
            g.writeNumberField("p90_ms", op.percentileMs(90));
            g.writeNumberField("p95_ms", op.percentileMs(95));
            g.writeNumberField("p99_ms", op.percentileMs(99));
            g.writeNumberField("p999_ms", op.percentileMs(99.9));
            g.writeNumberField("max_ms", op.maxMs());
            g.writeNumberField("mean_ms", op.meanMs());
            g.writeStringField("histogram", HistogramEncoding.encode(op.histogram()));
            g.writeEndObject();
        }
        g.writeEndObject();
        writeTraffic(g, report.traffic());
        g.writeArrayFieldStart("errors");
        for (ErrorTally e : report.errors()) {
            g.writeStartObject();
            g.writeStringField("class", e.errorClass().name().toLowerCase(Locale.ROOT));
            g.writeNumberField("count", e.count());
            g.writeStringField("example", e.example());
            g.writeStringField("first_run", e.firstRun());
            g.writeEndObject();
        }
        g.writeEndArray();
        TimeseriesJson.write(g, "timeseries", report.timeseries());
        g.writeArrayFieldStart("thresholds");
        for (ThresholdOutcome t : report.thresholds()) {
            g.writeStartObject();
            g.writeStringField("expression", t.expression());
            g.writeStringField("observed", t.observed());
            if (t.observedValue() == null) {
                g.writeNullField("observed_value");
            } else {
                g.writeNumberField("observed_value", t.observedValue());
            }
            g.writeBooleanField("passed", t.passed());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("verdict", report.verdict().json());
        g.writeNumberField("late_starts", report.lateStarts());
        writeThrottling(g, report.throttling());
        g.writeEndObject();
        g.flush();
        writer.write('\n');
    }

    private static void writeTraffic(JsonGenerator g, TrafficSummary t) throws IOException {
        if (t == null) {
            g.writeNullField("traffic");
            return;
        }
        g.writeObjectFieldStart("traffic");
        g.writeNumberField("bytes_written", t.bytesWritten());
        g.writeNumberField("bytes_read", t.bytesRead());
        g.writeNumberField("target_bytes", t.targetBytes());
        g.writeNumberField("delivery_ratio", Math.round(t.deliveryRatio() * 1e6) / 1e6);
        g.writeNumberField("streams", t.streams());
        g.writeNumberField("reconnects", t.reconnects());
        g.writeStringField("duration", GoDuration.format(t.duration()));
        g.writeNumberField("duration_ms", t.duration().toMillis());
        g.writeEndObject();
    }

    private static void writeThrottling(JsonGenerator g, Throttling t) throws IOException {
        g.writeObjectFieldStart("throttling");
        g.writeNumberField("responses", t.responses());
        g.writeNumberField("wait_ms", t.waitMs());
        g.writeNumberField("retries", t.retries());
        g.writeNumberField("found_existing", t.foundExisting());
        g.writeObjectFieldStart("routes");
        for (Map.Entry<String, Throttling.Route> e : t.routes().entrySet()) {
            g.writeObjectFieldStart(e.getKey());
            g.writeNumberField("responses", e.getValue().responses());
            g.writeNumberField("wait_ms", e.getValue().waitMs());
            g.writeNumberField("retries", e.getValue().retries());
            g.writeNumberField("found_existing", e.getValue().foundExisting());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /**
     * Reports written before throttling was recorded have none, and those before retries were
     * counted read as none retried; the totals are the routes' sums.
     */
    private static Throttling readThrottling(JsonNode t) {
        SortedMap<String, Throttling.Route> routes = new TreeMap<>();
        t.path("routes").properties().forEach(e -> routes.put(e.getKey(),
                new Throttling.Route(e.getValue().path("responses").asLong(), e.getValue().path("wait_ms").asLong(),
                        e.getValue().path("retries").asLong(), e.getValue().path("found_existing").asLong())));
        return new Throttling(routes);
    }

    public ScaletestReport read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString());
        }
    }

    /** Reads a report; {@code source} names it in error messages. */
    public ScaletestReport read(InputStream in, String source) throws IOException {
        JsonNode root = mapper.readTree(in);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": not a JSON object");
        }
        if (!root.has("scaletest_report_version")) {
            throw new IllegalArgumentException(source + ": no scaletest_report_version; not a scaletest report "
                    + "(a plain Coder results file lacks the histograms a report needs)");
        }
        int version = root.get("scaletest_report_version").asInt();
        if (version > ScaletestReport.VERSION) {
            throw new IllegalArgumentException(source + ": report version " + version + " is newer than this tool's "
                    + ScaletestReport.VERSION);
        }
        Results results = codec.read(root);
        ReportMetadata metadata = MetadataJson.read(root.path("metadata"), source);
        SortedMap<String, OperationStats> operations = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("operations").properties()) {
            operations.put(e.getKey(), new OperationStats(e.getKey(), HistogramEncoding.decode(
                    e.getValue().path("histogram").asText(), source + " operations." + e.getKey())));
        }
        JsonNode t = root.path("traffic");
        TrafficSummary traffic = t.isObject() ? new TrafficSummary(
                t.path("bytes_written").asLong(), t.path("bytes_read").asLong(), t.path("target_bytes").asLong(),
                t.path("streams").asLong(), t.path("reconnects").asLong(),
                Duration.ofMillis(t.path("duration_ms").asLong())) : null;
        List<ErrorTally> errors = new ArrayList<>();
        for (JsonNode e : root.path("errors")) {
            errors.add(new ErrorTally(ErrorClass.valueOf(e.path("class").asText().toUpperCase(Locale.ROOT)),
                    e.path("count").asLong(), e.path("example").asText(), e.path("first_run").asText()));
        }
        List<ThresholdOutcome> thresholds = new ArrayList<>();
        for (JsonNode th : root.path("thresholds")) {
            JsonNode value = th.path("observed_value");
            thresholds.add(new ThresholdOutcome(th.path("expression").asText(), th.path("observed").asText(),
                    value.isNumber() ? value.asDouble() : null, th.path("passed").asBoolean()));
        }
        return new ScaletestReport(results, metadata, operations, traffic, errors,
                TimeseriesJson.read(root.path("timeseries"), source + " timeseries"), thresholds,
                Verdict.fromJson(root.path("verdict").asText()), root.path("late_starts").asLong(),
                readThrottling(root.path("throttling")));
    }
}
