package dev.scaletest.cli;

import dev.scaletest.reports.output.OutputTarget;
import dev.scaletest.scenarios.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OutputFlagTest {

    private static OutputTarget file(OutputTarget.Format format, String path) {
        return new OutputTarget(format, Optional.of(Path.of(path)));
    }

    @Test
    void nothingMeansTextToStdout() {
        assertEquals(List.of(OutputTarget.stdout(OutputTarget.Format.TEXT)), OutputFlag.parseAll(List.of()));
    }

    @Test
    void stdoutEntryComesFirstThenFilesInOrder() {
        assertEquals(List.of(OutputTarget.stdout(OutputTarget.Format.JSON), file(OutputTarget.Format.TEXT, "a.txt"),
                        file(OutputTarget.Format.HTML, "r.html")),
                OutputFlag.parseAll(List.of("text:a.txt", "json", "html:r.html")));
    }

    @Test
    void dashMeansStdout() {
        assertEquals(List.of(OutputTarget.stdout(OutputTarget.Format.JSON)), OutputFlag.parseAll(List.of("json:-")));
    }

    @Test
    void pathSplitsOnTheFirstColon() {
        assertEquals(List.of(file(OutputTarget.Format.JSON, "C:/out.json")), OutputFlag.parseAll(List.of("json:C:/out.json")));
    }

    @Test
    void twoStdoutEntriesAreRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> OutputFlag.parseAll(List.of("text", "json:-")));
        assertEquals("could not parse --output flags: multiple output flags specified for stdout", e.getMessage());
    }

    @Test
    void unknownFormatNamesTheFlagIndex() {
        ConfigException e = assertThrows(ConfigException.class, () -> OutputFlag.parseAll(List.of("text", "xml:out.xml")));
        assertEquals("could not parse --output flags: invalid output format \"xml\" in output flag 1 (use text, json or html, optionally :path)",
                e.getMessage());
    }

    @Test
    void commandReportsOutputErrorsInOneLine() {
        CliRun run = new CliRun().run("create-workspaces", "-t", "x", "--output", "text", "--output", "json");
        assertEquals(2, run.exit);
        assertEquals(List.of("scaletest: could not parse --output flags: multiple output flags specified for stdout. "
                + "Run 'scaletest create-workspaces --help' for usage."), run.errLines());
    }
}
