package dev.scaletest.reports.output;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one rendering of a report goes: a format and a file, or stdout when {@code path} is empty
 * (one {@code --output} entry; {@link ReportWriter} writes them).
 */
public record OutputTarget(Format format, Optional<Path> path) {

    public enum Format {
        TEXT, JSON, HTML;

        public String flagValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public OutputTarget {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(path, "path");
    }

    public static OutputTarget stdout(Format format) {
        return new OutputTarget(format, Optional.empty());
    }

    public boolean toStdout() {
        return path.isEmpty();
    }

    @Override
    public String toString() {
        return format.flagValue() + path.map(p -> ":" + p).orElse("");
    }
}
