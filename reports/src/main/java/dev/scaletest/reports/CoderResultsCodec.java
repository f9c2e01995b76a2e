package dev.scaletest.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.harness.Results;
import dev.scaletest.harness.ResultsJson;
import dev.scaletest.harness.ResultsText;
import java.io.IOException;

/** Coder's results encoding as the harness renders it: the codec every real report uses. */
public final class CoderResultsCodec implements ResultsCodec {

    @Override
    public void writeFields(JsonGenerator out, Results results) throws IOException {
        ResultsJson.writeFields(results, out);
    }

    @Override
    public Results read(JsonNode report) {
        try {
            return ResultsJson.fromTree(report);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public String text(Results results) {
        return ResultsText.render(results);
    }
}
