package dev.scaletest.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process with captured streams and an injected environment. */
final class CliRun {

    static final Instant NOW = Instant.parse("2026-11-22T04:30:00Z");

    final RecordingLauncher launcher = new RecordingLauncher();
    final Map<String, String> env = new HashMap<>(Map.of("CODER_URL", "https://coder.example.com", "CODER_SESSION_TOKEN", "secret-token"));
    Path home = Path.of("/home/tester");

    int exit;
    String out;
    String err;

    CliRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    CliRun withoutEnv(String name) {
        env.remove(name);
        return this;
    }

    CliRun run(String... args) {
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        CliEnvironment environment = new CliEnvironment(env, Clock.fixed(NOW, ZoneOffset.UTC), home, false);
        CommandLine commandLine = new ScaletestCommand(launcher, environment).commandLine();
        commandLine.setOut(new PrintWriter(outText, true));
        commandLine.setErr(new PrintWriter(errText, true));
        exit = commandLine.execute(args);
        out = outText.toString();
        err = errText.toString();
        return this;
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    <T> T config(Class<T> type) {
        return launcher.config(type);
    }
}
