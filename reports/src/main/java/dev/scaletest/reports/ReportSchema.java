package dev.scaletest.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The JSON Schema of scaletest's additions to Coder's results, as shipped in the tool. */
public final class ReportSchema {
    /** Absolute class-path name, so it is found inside the packaged jar too. */
    public static final String RESOURCE = "dev/scaletest/reports/scaletest-report.schema.json";

    private ReportSchema() {}

    public static String text() {
        try (InputStream in = ReportSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path; rebuild the tool");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }
}
