package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The packaged tool, started in a JVM of its own as users start it: {@code java -jar scaletest.jar ARGS}. */
final class PackagedJar {
    private static final Path JAR = Path.of("..", "cli", "target", "scaletest.jar");

    private PackagedJar() {}

    /** The folder of runtime jars the packaged tool's manifest puts on its class path; skips the test while the jar is not built. */
    static Path libraries() {
        assumeTrue(Files.isRegularFile(JAR), "the cli module is not packaged yet");
        return JAR.resolveSibling("lib");
    }

    /** A process builder for the packaged tool with {@code args}; skips the test while the jar is not built. */
    static ProcessBuilder command(String... args) {
        assumeTrue(Files.isRegularFile(JAR), "the cli module is not packaged yet");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
