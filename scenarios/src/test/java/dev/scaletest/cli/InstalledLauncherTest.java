package dev.scaletest.cli;

import dev.scaletest.reports.OutputTarget;
import org.junit.jupiter.api.Test;
import dev.scaletest.scenarios.ConfigException;
import static org.junit.jupiter.api.Assertions.assertThrows;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstalledLauncherTest {

    @Test
    void findsTheProductionLauncherRegisteredByTheJar(@TempDir Path dir) {
        InstalledLauncher launcher = new InstalledLauncher(getClass().getClassLoader());
        Path missing = dir.resolve("missing.json");
        ConfigException e = assertThrows(ConfigException.class,
                () -> launcher.reportRender(new ReportRenderConfig(missing, OutputTarget.stdout(OutputTarget.Format.HTML))));
        assertEquals("report " + missing + " does not exist", e.getMessage());
    }

    @Test
    void withoutALauncherHelpStillWorksAndCommandsFailInOneLine() {
        InstalledLauncher none = new InstalledLauncher(new URLClassLoader(new URL[0], null));
        CliEnvironment environment = new CliEnvironment(Map.of(), Clock.systemUTC(), Path.of("/home/x"), false);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = new ScaletestCommand(none, environment).commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        assertEquals(0, commandLine.execute("--help"));
        assertTrue(out.toString().contains("create-workspaces"));
        assertEquals(1, commandLine.execute("simulator"));
        assertTrue(err.toString().startsWith("scaletest: this build of scaletest has no scenario launcher"), err.toString());
        assertEquals(1, err.toString().lines().count());
    }
}
