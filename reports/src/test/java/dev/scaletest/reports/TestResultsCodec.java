package dev.scaletest.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.harness.GoDuration;
import dev.scaletest.harness.Results;
import dev.scaletest.harness.RunResult;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A small stand-in for harness-core's Coder codec: same keys, enough to round-trip. */
final class TestResultsCodec implements ResultsCodec {

    @Override
    public void writeFields(JsonGenerator g, Results r) throws IOException {
        g.writeNumberField("total_runs", r.totalRuns());
        g.writeNumberField("total_pass", r.totalPass());
        g.writeNumberField("total_fail", r.totalFail());
        g.writeStringField("elapsed", GoDuration.format(r.elapsed()));
        g.writeNumberField("elapsed_ms", r.elapsed().toMillis());
        g.writeObjectFieldStart("runs");
        for (RunResult run : r.runs().values()) {
            g.writeObjectFieldStart(run.fullId());
            g.writeStringField("full_id", run.fullId());
            g.writeStringField("test_name", run.testName());
            g.writeStringField("id", run.id());
            g.writeStringField("logs", run.logs());
            g.writeStringField("started_at", run.startedAt().toString());
            g.writeStringField("duration", GoDuration.format(run.duration()));
            g.writeNumberField("duration_ms", run.duration().toMillis());
            g.writeStringField("error", run.error() == null ? "<nil>" : run.error());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    @Override
    public Results read(JsonNode root) {
        SortedMap<String, RunResult> runs = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : root.path("runs").properties()) {
            JsonNode r = entry.getValue();
            String error = r.path("error").asText();
            runs.put(r.path("full_id").asText(), new RunResult(r.path("full_id").asText(), r.path("test_name").asText(),
                    r.path("id").asText(), r.path("logs").asText(), OffsetDateTime.parse(r.path("started_at").asText()),
                    GoDuration.parse(r.path("duration").asText()), error.equals("<nil>") ? null : error));
        }
        return new Results(root.path("total_runs").asInt(), root.path("total_pass").asInt(),
                root.path("total_fail").asInt(), GoDuration.parse(root.path("elapsed").asText()), runs);
    }

    @Override
    public String text(Results results) {
        return "\n\nTest results:\n\tPass:  " + results.totalPass() + "\n\tFail:  " + results.totalFail()
                + "\n\tTotal: " + results.totalRuns() + "\n\n\tTotal duration: " + GoDuration.format(results.elapsed())
                + "\n";
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
