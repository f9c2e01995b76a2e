package dev.scaletest.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.harness.Results;
import java.io.IOException;

/**
 * Coder's own results encoding, injected so this module never re-implements it: the report writes
 * Coder's fields first, exactly as Coder does, then adds its own. Bound to harness-core's renderer
 * by the command line.
 */
public interface ResultsCodec {

    /**
     * Writes Coder's top-level fields ({@code total_runs} ... {@code runs}) into an object the caller
     * has already opened. The generator escapes {@code < > &} as Go does.
     */
    void writeFields(JsonGenerator out, Results results) throws IOException;

    /** Reads Coder's fields back from a report's top-level object, ignoring fields it does not know. */
    Results read(JsonNode report);

    /** Coder's text output for these results, byte for byte. */
    String text(Results results);
}
