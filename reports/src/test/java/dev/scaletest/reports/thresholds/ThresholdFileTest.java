package dev.scaletest.reports.thresholds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdFileTest {
    @TempDir
    Path dir;

    @Test
    void oneThresholdALineWithBlankLinesAndCommentsSkipped() throws Exception {
        Path file = Files.writeString(dir.resolve("gates.txt"), """
                # the night's service levels
                traffic.echo_rtt:p99<250ms

                  delivery>99%   \s
                \t# builds may queue behind the nightly backup
                build.run:p95<2m
                """);
        assertEquals(List.of("traffic.echo_rtt:p99<250ms", "delivery>99%", "build.run:p95<2m"), ThresholdFile.read(file));
    }

    @Test
    void aBadLineNamesTheFileAndTheLine() throws Exception {
        Path file = Files.writeString(dir.resolve("gates.txt"), "errors<1%\n# ok\nlatency is low\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThresholdFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ":3: invalid threshold \"latency is low\": it does not have that form"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aMissingFileSaysSo() {
        Path file = dir.resolve("none.txt");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThresholdFile.read(file));
        assertEquals(file + ": no such file", e.getMessage());
    }

    @Test
    void anEmptyFileHasNoThresholds() throws Exception {
        assertEquals(List.of(), ThresholdFile.read(Files.writeString(dir.resolve("empty.txt"), "# nothing yet\n")));
    }
}
