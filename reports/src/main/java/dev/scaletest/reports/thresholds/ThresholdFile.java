package dev.scaletest.reports.thresholds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --threshold-file FILE}: thresholds kept beside a job, one a line, as {@link ThresholdParser}
 * reads them; blank lines and lines starting with {@code #} (after leading blanks) are skipped, so a
 * file can say why each gate is there. A line that does not parse is an
 * {@link IllegalArgumentException} naming {@code FILE:LINE}.
 */
public final class ThresholdFile {
    private ThresholdFile() {}

    /** The file's expressions in file order, each checked. */
    public static List<String> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        List<String> expressions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                ThresholdParser.parse(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
            expressions.add(line);
        }
        return List.copyOf(expressions);
    }
}
