package dev.scaletest.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code metadata} of a JSON report: {@code tool_version, command_line, target_url}, when known
 * {@code coder_version}, {@code started_at, ended_at}, then when present {@code run_id}, {@code shard {index, count, target_range}},
 * {@code incomplete} and {@code missing_shards}, {@code merged_from} and {@code renamed_runs}.
 * Reports written before any of the optional fields read with them absent.
 */
final class MetadataJson {
    private MetadataJson() {}

    static void write(JsonGenerator g, ReportMetadata m) throws IOException {
        g.writeObjectFieldStart("metadata");
        g.writeStringField("tool_version", m.toolVersion());
        g.writeStringField("command_line", m.commandLine());
        g.writeStringField("target_url", m.targetUrl());
        if (m.coderVersion() != null) {
            g.writeStringField("coder_version", m.coderVersion());
        }
        g.writeStringField("started_at", m.startedAt().toString());
        g.writeStringField("ended_at", m.endedAt().toString());
        if (m.runId() != null) {
            g.writeStringField("run_id", m.runId());
        }
        if (m.shard() != null) {
            writeShard(g, m.shard());
        }
        if (m.incomplete()) {
            g.writeBooleanField("incomplete", true);
            g.writeArrayFieldStart("missing_shards");
            for (int index : m.missingShards()) {
                g.writeNumber(index);
            }
            g.writeEndArray();
        }
        if (!m.mergedFrom().isEmpty()) {
            g.writeArrayFieldStart("merged_from");
            for (ReportMetadata.Source s : m.mergedFrom()) {
                writeSource(g, s);
            }
            g.writeEndArray();
        }
        if (!m.renamedRuns().isEmpty()) {
            g.writeObjectFieldStart("renamed_runs");
            for (Map.Entry<String, String> e : new TreeMap<>(m.renamedRuns()).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeSource(JsonGenerator g, ReportMetadata.Source s) throws IOException {
        g.writeStartObject();
        g.writeStringField("command_line", s.commandLine());
        if (s.shard() != null) {
            writeShard(g, s.shard());
        }
        g.writeStringField("started_at", s.startedAt().toString());
        g.writeStringField("ended_at", s.endedAt().toString());
        ReportMetadata.Figures f = s.figures();
        if (f != null) {
            g.writeNumberField("total_runs", f.totalRuns());
            g.writeNumberField("total_pass", f.totalPass());
            g.writeNumberField("total_fail", f.totalFail());
            g.writeStringField("verdict", f.verdict().json());
            g.writeNumberField("streams", f.streams());
            TimeseriesJson.write(g, "activity", f.activity());
        }
        g.writeEndObject();
    }

    private static void writeShard(JsonGenerator g, ReportMetadata.Shard shard) throws IOException {
        g.writeObjectFieldStart("shard");
        g.writeNumberField("index", shard.index());
        g.writeNumberField("count", shard.count());
        if (shard.targetRange() != null) {
            g.writeStringField("target_range", shard.targetRange());
        }
        g.writeEndObject();
    }

    static ReportMetadata read(JsonNode m, String source) {
        List<ReportMetadata.Source> sources = new ArrayList<>();
        int n = 0;
        for (JsonNode s : m.path("merged_from")) {
            sources.add(new ReportMetadata.Source(s.path("command_line").asText(), readShard(s.path("shard")),
                    Instant.parse(s.path("started_at").asText()), Instant.parse(s.path("ended_at").asText()),
                    readFigures(s, source + " metadata.merged_from[" + n++ + "].activity")));
        }
        Map<String, String> renamed = new LinkedHashMap<>();
        m.path("renamed_runs").properties().forEach(e -> renamed.put(e.getKey(), e.getValue().asText()));
        List<Integer> missing = new ArrayList<>();
        m.path("missing_shards").forEach(i -> missing.add(i.asInt()));
        JsonNode runId = m.path("run_id");
        JsonNode coderVersion = m.path("coder_version");
        return new ReportMetadata(m.path("tool_version").asText(), m.path("command_line").asText(),
                m.path("target_url").asText(), coderVersion.isTextual() ? coderVersion.asText() : null,
                Instant.parse(m.path("started_at").asText()),
                Instant.parse(m.path("ended_at").asText()), runId.isTextual() ? runId.asText() : null,
                readShard(m.path("shard")), sources, renamed, missing);
    }

    private static ReportMetadata.Figures readFigures(JsonNode s, String source) {
        if (!s.has("total_runs")) {
            return null;
        }
        return new ReportMetadata.Figures(s.path("total_runs").asInt(), s.path("total_pass").asInt(),
                s.path("total_fail").asInt(), Verdict.fromJson(s.path("verdict").asText()), s.path("streams").asLong(),
                TimeseriesJson.read(s.path("activity"), source));
    }

    private static ReportMetadata.Shard readShard(JsonNode s) {
        if (!s.isObject()) {
            return null;
        }
        return new ReportMetadata.Shard(s.path("index").asInt(), s.path("count").asInt(),
                s.has("target_range") ? s.get("target_range").asText() : null);
    }
}
