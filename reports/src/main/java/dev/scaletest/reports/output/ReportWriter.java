package dev.scaletest.reports.output;

import dev.scaletest.reports.ReportJson;
import dev.scaletest.reports.ResultsCodec;
import dev.scaletest.reports.ScaletestReport;
import dev.scaletest.reports.html.HtmlReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes a report in every requested format: the one place the formats are told apart, for a run's
 * {@code --output}, {@code report render} and {@code report merge} alike. Text is Coder's results
 * text, byte for byte; a file's missing parent directories are created.
 */
public final class ReportWriter {
    private final ResultsCodec codec;
    private final ReportJson json;

    public ReportWriter(ResultsCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.json = new ReportJson(codec);
    }

    public String render(ScaletestReport report, OutputTarget.Format format) {
        return switch (format) {
            case TEXT -> codec.text(report.results());
            case JSON -> json.toJson(report);
            case HTML -> new HtmlReport().render(report);
        };
    }

    /** Writes {@code report} to each target in order; the stdout target goes to {@code stdout}. */
    public void write(ScaletestReport report, List<OutputTarget> targets, PrintStream stdout) throws IOException {
        for (OutputTarget target : targets) {
            if (target.toStdout()) {
                writeTo(report, target.format(), stdout);
            } else {
                write(target.path().orElseThrow(), render(report, target.format()));
            }
        }
    }

    /** Writes {@code report} in {@code format} to {@code stream}. */
    public void writeTo(ScaletestReport report, OutputTarget.Format format, PrintStream stream) {
        stream.print(render(report, format));
        stream.flush();
    }

    private static void write(Path path, String text) throws IOException {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("write " + path + ": " + e.getMessage(), e);
        }
    }
}
