package dev.scaletest.harness;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Results as Coder's {@code --output json} writes them: one compact line plus {@code \n}, keys in
 * Coder's order, {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped as Go's encoder does,
 * a passing run's error as {@code "<nil>"}. Reports that add their own top-level fields open the
 * object themselves, call {@link #writeFields}, and append after it.
 */
public final class ResultsJson {
    static final String NIL_ERROR = "<nil>";

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .characterEscapes(new GoEscapes())
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .build();
    private static final ObjectMapper READER = new ObjectMapper();

    private ResultsJson() {}

    /** A factory whose generators escape exactly like Go's {@code encoding/json}. */
    public static JsonFactory goCompatibleFactory() {
        return FACTORY;
    }

    /** A UTF-8 generator with Go's escaping; the caller closes it. */
    public static JsonGenerator newGenerator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    /** Writes the whole document (object plus trailing newline) to {@code out}. */
    public static void write(Results results, OutputStream out) throws IOException {
        try (JsonGenerator json = newGenerator(out)) {
            json.writeStartObject();
            writeFields(results, json);
            json.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    public static String toJson(Results results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(results, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Writes Coder's top-level fields into an object the caller has opened. */
    public static void writeFields(Results results, JsonGenerator json) throws IOException {
        json.writeNumberField("total_runs", results.totalRuns());
        json.writeNumberField("total_pass", results.totalPass());
        json.writeNumberField("total_fail", results.totalFail());
        json.writeStringField("elapsed", GoDuration.format(results.elapsed()));
        json.writeNumberField("elapsed_ms", results.elapsed().toMillis());
        json.writeObjectFieldStart("runs");
        for (Map.Entry<String, RunResult> entry : results.runs().entrySet()) {
            json.writeFieldName(entry.getKey());
            writeRun(entry.getValue(), json);
        }
        json.writeEndObject();
    }

    private static void writeRun(RunResult run, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("full_id", run.fullId());
        json.writeStringField("test_name", run.testName());
        json.writeStringField("id", run.id());
        json.writeStringField("logs", run.logs());
        json.writeStringField("started_at", GoTime.formatRfc3339Nano(run.startedAt()));
        json.writeStringField("duration", GoDuration.format(run.duration()));
        json.writeNumberField("duration_ms", run.duration().toMillis());
        json.writeStringField("error", run.error() == null ? NIL_ERROR : run.error());
        json.writeEndObject();
    }

    public static Results read(InputStream in) throws IOException {
        return fromTree(READER.readTree(in));
    }

    public static Results read(String json) throws IOException {
        return fromTree(READER.readTree(json));
    }

    /**
     * Reads Coder's fields from a parsed document and ignores any others (newer Coder builds add a
     * per-run {@code metrics} object, our reports add top-level sections).
     */
    public static Results fromTree(JsonNode root) throws IOException {
        TreeMap<String, RunResult> runs = new TreeMap<>();
        JsonNode runsNode = root.path("runs");
        for (Map.Entry<String, JsonNode> entry : runsNode.properties()) {
            JsonNode run = entry.getValue();
            String error = text(run, "error");
            runs.put(entry.getKey(), new RunResult(
                    text(run, "full_id"),
                    text(run, "test_name"),
                    text(run, "id"),
                    run.path("logs").asText(""),
                    GoTime.parseRfc3339(text(run, "started_at")),
                    GoDuration.parse(text(run, "duration")),
                    NIL_ERROR.equals(error) ? null : error));
        }
        return new Results(
                required(root, "total_runs").asInt(),
                required(root, "total_pass").asInt(),
                required(root, "total_fail").asInt(),
                elapsed(root),
                runs);
    }

    private static Duration elapsed(JsonNode root) throws IOException {
        return GoDuration.parse(text(root, "elapsed"));
    }

    private static String text(JsonNode node, String field) throws IOException {
        JsonNode value = required(node, field);
        if (!value.isTextual()) {
            throw new IOException("results JSON: field \"" + field + "\" is not a string");
        }
        return value.asText();
    }

    private static JsonNode required(JsonNode node, String field) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IOException("results JSON: missing field \"" + field + "\"");
        }
        return value;
    }

    /** Go's encoding/json escapes HTML-sensitive characters and the two JavaScript line separators. */
    private static final class GoEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii;

        GoEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii['<'] = ESCAPE_CUSTOM;
            ascii['>'] = ESCAPE_CUSTOM;
            ascii['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case '<' -> new SerializedString("\\u003c");
                case '>' -> new SerializedString("\\u003e");
                case '&' -> new SerializedString("\\u0026");
                case 0x2028 -> new SerializedString("\\u2028");
                case 0x2029 -> new SerializedString("\\u2029");
                default -> null;
            };
        }
    }
}
