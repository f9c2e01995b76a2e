package dev.scaletest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.reports.output.OutputTarget;
import dev.scaletest.scenarios.ConfigException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LazyLauncherTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine(Supplier<ScenarioLauncher> launchers) {
        CliEnvironment environment = new CliEnvironment(Map.of(), Clock.systemUTC(), Path.of("/home/x"), false);
        CommandLine commandLine = new ScaletestCommand(launchers, environment).commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }

    @Test
    void theProductionLauncherRunsTheReportCommands(@TempDir Path dir) {
        Path missing = dir.resolve("missing.json");
        ConfigException e = assertThrows(ConfigException.class, () -> new ProductionLauncher()
                .reportRender(new ReportRenderConfig(missing, OutputTarget.stdout(OutputTarget.Format.HTML))));
        assertEquals("report " + missing + " does not exist", e.getMessage());
    }

    @Test
    void theLauncherIsMadeOnceAndOnlyWhenACommandRuns() {
        AtomicInteger made = new AtomicInteger();
        CommandLine commandLine = commandLine(() -> {
            made.incrementAndGet();
            return new FixedExitLauncher();
        });
        assertEquals(0, commandLine.execute("--help"));
        assertEquals(0, commandLine.execute("--version"));
        assertEquals(0, made.get(), "help and version need no launcher");
        assertEquals(FixedExitLauncher.EXIT, commandLine.execute("simulator"));
        assertEquals(FixedExitLauncher.EXIT, commandLine.execute("simulator"));
        assertEquals(1, made.get());
    }

    @Test
    void withoutALauncherHelpStillWorksAndCommandsFailInOneLine() {
        CommandLine commandLine = commandLine(() -> {
            throw new IllegalStateException("this build of scaletest has no scenario launcher");
        });
        assertEquals(0, commandLine.execute("--help"));
        assertTrue(out.toString().contains("create-workspaces"));
        assertEquals(1, commandLine.execute("simulator"));
        assertTrue(err.toString().startsWith("scaletest: this build of scaletest has no scenario launcher"), err.toString());
        assertEquals(1, err.toString().lines().count());
    }
}
