package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * The tool's container image, built by {@code bin/build-image} from the release archive as a user
 * builds it. Docker caches every layer but the archive's, so a second build in the same suite
 * costs seconds. Tests that need it skip only where no Docker daemon answers.
 */
final class ScaletestImage {
    private ScaletestImage() {}

    /** Skips the calling test, saying why, unless a Docker daemon answers. */
    static void assumeDocker() {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "no Docker daemon answers (bin/install-test-tools starts one where it is root); the container tests need one");
    }

    /** Builds the image from the packaged release archive and returns its versioned tag. */
    static String build() throws IOException, InterruptedException {
        assumeDocker();
        ReleaseArchive.archive();
        Path root = Path.of("..").toAbsolutePath().normalize();
        Process build = new ProcessBuilder(root.resolve("bin/build-image").toString()).directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!build.waitFor(5, TimeUnit.MINUTES)) {
            build.destroyForcibly();
            throw new AssertionError("bin/build-image still running after 5 minutes");
        }
        assertEquals(0, build.exitValue(), "bin/build-image: " + out);
        assertEquals("scaletest:" + System.getProperty("scaletest.version"), out, "bin/build-image prints the versioned tag");
        return out;
    }
}
