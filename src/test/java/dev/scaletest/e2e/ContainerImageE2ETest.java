package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code bin/build-image}, then the image as a user runs it with plain {@code docker run}: the main
 * job exits 0 and leaves nothing, as a non-root user in {@code /results}, with the OCI labels set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerImageE2ETest {
    private String image;

    @BeforeAll
    void build() throws Exception {
        image = ScaletestImage.build();
    }

    /**
     * The README's {@code docker run --rm scaletest:latest create-workspaces --embedded --count 100},
     * with {@code --concurrency 0}: one workspace at a time (the default) takes minutes of polling.
     */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theMainJobRunsInTheImage() throws Exception {
        Result run = docker("run", "--rm", image, "create-workspaces", "--embedded", "--count", "100", "--concurrency", "0",
                "--progress", "none");
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("Built-in simulator at exit: 0 scaletest users, 0 workspaces"), run.output());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void itRunsAsANonRootUserInTheResultsVolumeWithOciLabels() throws Exception {
        Result config = docker("image", "inspect", image, "--format",
                "{{.Config.User}}|{{.Config.WorkingDir}}|{{json .Config.Volumes}}|{{json .Config.Entrypoint}}|"
                        + "{{index .Config.Labels \"org.opencontainers.image.version\"}}|"
                        + "{{index .Config.Labels \"org.opencontainers.image.licenses\"}}");
        assertEquals(0, config.exit(), config.output());
        assertEquals("10001:10001|/results|{\"/results\":{}}|[\"scaletest\"]|" + System.getProperty("scaletest.version")
                + "|Apache-2.0", config.output().strip());

        // The Kubernetes manifests give the volume to the image's user's group.
        for (String manifest : List.of("run-job.yaml", "merge-job.yaml", "results-pod.yaml")) {
            String yaml = Files.readString(Path.of("..", "deploy", "kubernetes", manifest));
            assertTrue(yaml.contains("fsGroup: " + config.output().strip().split(":")[0] + "\n"), manifest + "'s fsGroup is the image's user");
        }

        // The user can write its results where the volume is; the tool answers as the entrypoint.
        Result write = docker("run", "--rm", "--entrypoint", "sh", image, "-c", "id -u && touch /results/x && scaletest --version");
        assertEquals(0, write.exit(), write.output());
        assertEquals(List.of("10001", "scaletest " + System.getProperty("scaletest.version")), write.output().strip().lines().toList());
    }

    private record Result(int exit, String output) {}

    private static Result docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process docker = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(docker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(docker.waitFor(), output);
    }
}
