package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive extracted into an empty folder runs on its bundled Java runtime, with
 * {@code JAVA_HOME} unset and no Java 21 or newer on {@code PATH}: the main job, Ctrl-C in the
 * middle of a run (which needs {@code jdk.unsupported} in the runtime), and the archive's contents
 * (documents and licences in, Coder's AGPL OpenAPI file out).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReleaseArchiveE2ETest {
    @BeforeAll
    static void ctrlCReachesTheTool() throws Exception {
        InheritedSignals.requireSigintNotIgnored();
    }

    @TempDir
    Path work;

    private Path home;

    @BeforeAll
    void extract(@TempDir Path empty) throws Exception {
        try (Stream<Path> before = Files.list(empty)) {
            assertEquals(0, before.count(), "an empty folder");
        }
        home = ReleaseArchive.extractInto(empty);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theMainJobRunsWithNoJavaOnThePath() throws Exception {
        ProcessBuilder builder = ReleaseArchive.command(home, "create-workspaces", "--embedded", "--count", "100",
                "--concurrency", "0", "--progress", "none", "--output", "json:" + work.resolve("create.json"));
        assertFalse(builder.environment().containsKey("JAVA_HOME"));
        for (String folder : builder.environment().get("PATH").split(":")) {
            assertTrue(ReleaseArchive.javaFeatureVersion(Path.of(folder, "java")) < 21, "a Java 21+ left on PATH in " + folder);
        }
        Path out = work.resolve("main.out");
        Process scaletest = builder.directory(work.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            String java = launchedProgram(scaletest);
            assertTrue(java.equals(home.resolve("runtime/bin/java").toRealPath().toString()),
                    "bin/scaletest runs the bundled runtime, not " + java);
            assertTrue(scaletest.waitFor(150, TimeUnit.SECONDS), "still running:\n" + Files.readString(out));
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, scaletest.exitValue(), output);
            assertTrue(output.contains("Built-in simulator at exit: 0 scaletest users, 0 workspaces"), output);
            JsonNode report = ScaletestProcess.json(work.resolve("create.json"));
            assertEquals(100, report.path("total_pass").asInt(), report.toString());
        } finally {
            scaletest.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void ctrlCInTheMiddleOfARunExits130AndLeavesNothing() throws Exception {
        // Slow builds against a simulator of its own (started from the release too): the interrupt
        // lands while workspaces are being built, and the simulator shows what is left afterwards.
        try (StandaloneSimulator simulator = StandaloneSimulator.start(args -> ReleaseArchive.command(home, args),
                work.resolve("simulator.log"), "--build-time", "4s..6s", "--provisioners", "20")) {
            Path out = work.resolve("interrupted.out");
            Process scaletest = ReleaseArchive.command(home, "create-workspaces", "--url", simulator.url(),
                            "--token", simulator.adminToken(), "--template", "kubernetes", "--count", "20", "--concurrency", "0",
                            "--cleanup-concurrency", "0", "--progress", "plain",
                            "--journal-dir", work.resolve("journal").toString())
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                awaitWorkspacesBuilding(simulator, scaletest, out);
                Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(scaletest.pid())).inheritIO().start();
                assertEquals(0, kill.waitFor(), "kill -INT");

                assertTrue(scaletest.waitFor(90, TimeUnit.SECONDS), "still running after Ctrl-C:\n" + Files.readString(out));
                String output = Files.readString(out, StandardCharsets.UTF_8);
                assertEquals(130, scaletest.exitValue(), output);
                assertTrue(output.contains("Interrupted"), output);
                JsonNode stats = simulator.stats();
                assertEquals(0, stats.path("scaletest_users").asInt(), "users left: " + stats + "\n" + output);
                assertEquals(0, stats.path("workspaces_alive").asInt(), "workspaces left: " + stats + "\n" + output);
                assertEquals(0, scaletest.descendants().count(), "no process of the run is left");
            } finally {
                scaletest.destroyForcibly();
            }
        }
    }

    @Test
    void theArchiveHoldsTheDocumentsAndLicencesAndNotCodersApiFile() throws IOException {
        for (String document : List.of("README.md", "LICENSE", "NOTICE", "app/jvm-options.sh", "runtime/legal/java.base/LICENSE")) {
            assertTrue(Files.isRegularFile(home.resolve(document)), document);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/scaletest")), "bin/scaletest is executable");
        assertEquals(Files.readString(Path.of("..", ".mvn", "jvm-options.sh")), Files.readString(home.resolve("app/jvm-options.sh")),
                "the launcher's JVM options are ./scaletest's");

        Set<String> licences = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("..", "licenses"))) {
            files.forEach(f -> licences.add(f.getFileName().toString()));
        }
        licences.add("uPlot-MIT.txt");
        Set<String> shipped = new TreeSet<>();
        try (Stream<Path> files = Files.list(home.resolve("licenses"))) {
            files.forEach(f -> shipped.add(f.getFileName().toString()));
        }
        assertEquals(licences, shipped, "licenses/ of the source tree, and uPlot's");

        try (Stream<Path> all = Files.walk(home)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                String name = home.relativize(file).toString();
                assertFalse(name.contains("coder-api") || name.contains("swagger"), name);
                if (name.endsWith(".jar")) {
                    try (JarFile jar = new JarFile(file.toFile())) {
                        assertTrue(jar.stream().noneMatch(e -> e.getName().contains("swagger")), name + " carries Coder's OpenAPI file");
                    }
                }
            }
        }
    }

    /**
     * The runtime holds what jdeps finds the shipped jars using, resolved as jlink resolves it, and
     * nothing else; but for java.desktop, which the jars touch only on paths the tool never takes
     * (java.beans: Jackson's optional annotation support, SnakeYAML's bean introspection,
     * Micrometer's Log4j2 binder), and jdk.crypto.ec, which jdeps cannot see (TLS's elliptic curves
     * on a JDK 21 build). A new dependency on another module fails here until dist/pom.xml adds it.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theRuntimeHoldsTheModulesTheJarsUseAndNoOthers() throws Exception {
        Properties release = new Properties();
        try (var in = Files.newBufferedReader(home.resolve("runtime/release"))) {
            release.load(in);
        }
        Set<String> runtime = new TreeSet<>(List.of(release.getProperty("MODULES").replace("\"", "").split(" ")));
        int feature = Integer.parseInt(release.getProperty("JAVA_VERSION").replace("\"", "").split("\\.")[0]);

        Set<String> used = JdkModulesUsed.by(home.resolve("app"), feature, work.resolve("classes"));
        assertTrue(used.contains("java.net.http") && used.contains("jdk.unsupported"), "jdeps read the jars: " + used);
        Set<String> roots = new TreeSet<>(used);
        roots.remove("java.desktop");
        roots.add("jdk.crypto.ec");
        Set<String> expected = new TreeSet<>();
        Configuration.empty().resolve(ModuleFinder.ofSystem(), ModuleFinder.of(), roots)
                .modules().forEach(m -> expected.add(m.name()));
        assertEquals(expected, runtime, "the runtime's modules (dist/pom.xml jlink.modules) against the jars' needs " + used);
    }

    /** The program the process runs once bin/scaletest has exec'd into Java. */
    private static String launchedProgram(Process process) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String command = "";
        while (System.nanoTime() < until && process.isAlive()) {
            command = process.info().command().orElse("");
            if (command.endsWith("/java")) {
                return command;
            }
            Thread.sleep(20);
        }
        return command;
    }

    /** Waits until the simulator holds scaletest workspaces whose builds are still running. */
    private static void awaitWorkspacesBuilding(StandaloneSimulator simulator, Process scaletest, Path out) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            JsonNode stats = simulator.stats();
            if (stats.path("workspaces_alive").asInt() > 0 && stats.at("/builds_by_job_status/running").asInt() > 0) {
                return;
            }
            if (!scaletest.isAlive()) {
                throw new AssertionError("exited " + scaletest.exitValue() + " before any build ran:\n" + Files.readString(out));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no build running after 60 s: " + simulator.stats() + "\n" + Files.readString(out));
    }
}
