package dev.scaletest.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.cli.CliEnvironment;
import dev.scaletest.cli.ProductionLauncher;
import dev.scaletest.cli.ScaletestCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the scaletest command line in this JVM with the production launcher, as {@code ./scaletest}
 * would, capturing what it prints. The captured streams can be read while the command runs.
 */
final class ScaletestProcess {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final StringWriter cliErr = new StringWriter();
    private final Path home;
    private final Map<String, String> environment;

    ScaletestProcess(Path home) {
        this(home, Map.of());
    }

    ScaletestProcess(Path home, Map<String, String> environment) {
        this.home = home;
        this.environment = environment;
    }

    int run(String... args) {
        CliEnvironment env = new CliEnvironment(environment, Clock.systemUTC(), home, false);
        CommandLine cli = new ScaletestCommand(
                new ProductionLauncher(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                env).commandLine();
        cli.setErr(new PrintWriter(cliErr, true));
        return cli.execute(args);
    }

    String out() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** What the scenario and the command line printed on stderr. */
    String err() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8) + cliErr;
        }
    }

    String diagnostics() {
        return "stdout:\n" + out() + "\nstderr:\n" + err();
    }

    static JsonNode json(Path report) throws IOException {
        return new ObjectMapper().readTree(Files.readString(report));
    }
}
