package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release archive {@code scaletest-VERSION-linux-x64.tar.gz} (module dist), extracted as a user
 * extracts it and started through its own {@code bin/scaletest} on a machine without Java: no
 * {@code JAVA_HOME}, and no Java 21 or newer on {@code PATH} (this machine's {@code java} 17 may
 * stay, as it cannot run the tool's classes).
 */
final class ReleaseArchive {
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private ReleaseArchive() {}

    /** The archive; skips the test while the dist module is not packaged. */
    static Path archive() {
        Path archive = Path.of(System.getProperty("scaletest.release.archive", "missing"));
        assumeTrue(Files.isRegularFile(archive), "the dist module is not packaged yet: " + archive);
        return archive;
    }

    /** Extracts the archive into {@code folder} with tar and returns the release's home, {@code folder/scaletest-VERSION}. */
    static Path extractInto(Path folder) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-xzf", archive().toString(), "-C", folder.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes());
        assertEquals(0, tar.waitFor(), "tar -xzf: " + output);
        return folder.resolve("scaletest-" + System.getProperty("scaletest.version"));
    }

    /** {@code home/bin/scaletest args} in an environment without JAVA_HOME and without a Java 21+ on PATH. */
    static ProcessBuilder command(Path home, String... args) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/scaletest").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.remove("JAVA_HOME");
        env.remove("JDK_HOME");
        env.put("PATH", pathWithoutJava21(env.getOrDefault("PATH", "/usr/bin:/bin")));
        return builder;
    }

    /** {@code path} without the folders whose {@code java} is a Java 21 or newer (./mvnw found one; the release must not). */
    static String pathWithoutJava21(String path) {
        List<String> kept = new ArrayList<>();
        for (String folder : path.split(File.pathSeparator)) {
            if (!folder.isEmpty() && javaFeatureVersion(Path.of(folder).resolve("java")) < 21) {
                kept.add(folder);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    /** The feature version of the Java installation {@code java} belongs to, from its {@code release} file; 0 when there is none. */
    static int javaFeatureVersion(Path java) {
        try {
            if (!Files.isExecutable(java)) {
                return 0;
            }
            Path release = java.toRealPath().getParent().getParent().resolve("release");
            Matcher m = JAVA_VERSION.matcher(Files.isRegularFile(release) ? Files.readString(release) : "");
            return m.find() ? Integer.parseInt(m.group(1)) : javaVersionFromRunning(java);
        } catch (IOException e) {
            return 0;
        }
    }

    /** For a java without a release file (a distribution's wrapper): ask it. */
    private static int javaVersionFromRunning(Path java) throws IOException {
        try {
            Process p = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("java\\.specification\\.version = (\\d+)").matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
