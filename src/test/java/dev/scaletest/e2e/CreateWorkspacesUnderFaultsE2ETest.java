package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.errors.ErrorClass;
import dev.scaletest.reports.RunFailures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code create-workspaces} against a standalone simulator that fails 5% of API calls with a 5xx,
 * throttles 2% with 429 and {@code Retry-After}, fails 2% of builds, slows logins and freezes
 * everything for 2 s; once with the 5xx before the route runs, once after it
 * ({@code --fault-5xx-after-action}: the user or workspace exists, the answer is a 500). Both modes
 * run at once against their own simulator. The runs keep their resources ({@code --no-cleanup}) so
 * the report can be checked against what the simulator holds, then {@code cleanup --journal},
 * under the same faults, removes them; a third as many runs then clean up after themselves, under
 * the same faults, and leave nothing. A workspace whose every delete build failed is the one thing
 * either may leave, and only in the journal, for the next {@code cleanup}.
 * {@code -Dscaletest.faults.count=N} sets the runs per mode ({@code bench/faults.sh} runs 1000).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
// Mostly waiting on injected delays: it runs beside the other suites, never beside the rate-limit one.
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = SharedMachine.CPU, mode = ResourceAccessMode.READ)
class CreateWorkspacesUnderFaultsE2ETest {
    private static final int COUNT = Integer.getInteger("scaletest.faults.count", 60);
    private static final Pattern CREATED = Pattern.compile("Workspace (\\S+) \\(([0-9a-f-]{36})\\) created");
    private static final Pattern GAVE_UP_ON_DELETE = Pattern.compile("wait for build: delete build \\S+ of workspace \\S+ ended failed");

    @TempDir
    Path dir;

    @Test
    void everyFailureIsAttributedNothingIsDuplicatedAndCleanupLeavesNothing() throws Exception {
        CompletableFuture<String> before = CompletableFuture.supplyAsync(() -> mode("before", false));
        CompletableFuture<String> after = CompletableFuture.supplyAsync(() -> mode("after", true));
        // Both end before either's failure is thrown: a mode still running would leave its simulator behind.
        CompletableFuture.allOf(before, after).exceptionally(e -> null).join();
        System.out.println(before.join());
        System.out.println(after.join());
    }

    private String mode(String name, boolean afterAction) {
        try {
            return check(name, afterAction);
        } catch (Exception e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    private String check(String name, boolean afterAction) throws Exception {
        Path mode = Files.createDirectories(dir.resolve(name));
        List<String> flags = new ArrayList<>(List.of("--provisioners", "10", "--fault-5xx-rate", "0.05", "--fault-429-rate", "0.02",
                "--fault-retry-after", "1s", "--fault-build-failure-rate", "0.02", "--fault-latency", "POST /users/login=300ms",
                "--fault-stall-at", "8s", "--fault-stall-for", "2s"));
        if (afterAction) {
            flags.add("--fault-5xx-after-action");
        }
        try (StandaloneSimulator simulator = StandaloneSimulator.start(mode.resolve("simulator.log"), flags.toArray(String[]::new))) {
            Path report = mode.resolve("report.json");
            Path journal = mode.resolve("journal");
            ScaletestRun run = ScaletestRun.of(simulator, mode, "create", "create-workspaces", "--template", "kubernetes",
                    "--count", String.valueOf(COUNT), "--concurrency", "20", "--no-cleanup", "--progress", "plain",
                    "--journal-dir", journal.toString(), "--output", "json:" + report);
            assertNotEquals(2, run.code(), run.err());
            JsonNode json = ScaletestProcess.json(report);
            assertEquals(COUNT, json.get("total_runs").asInt(), run.err());
            int pass = json.get("total_pass").asInt();
            int fail = json.get("total_fail").asInt();
            assertEquals(fail == 0 ? 0 : 1, run.code(), run.err());

            // Every failure is its run's, and counted under the class its error reads as.
            Map<ErrorClass, Integer> classes = new EnumMap<>(ErrorClass.class);
            Map<String, String> readyByRun = new HashMap<>();
            for (JsonNode r : json.get("runs")) {
                // Coder's results format writes a passed run's error as "<nil>".
                if (r.hasNonNull("error") && !r.get("error").asText().equals("<nil>")) {
                    ErrorClass c = RunFailures.classify(r.get("error").asText());
                    assertNotEquals(ErrorClass.OTHER, c, r.get("full_id") + ": " + r.get("error"));
                    classes.merge(c, 1, Integer::sum);
                } else {
                    Matcher created = CREATED.matcher(r.get("logs").asText());
                    assertTrue(created.find(), r.get("full_id") + " passed without creating a workspace:\n" + r.get("logs"));
                    readyByRun.put(r.get("full_id").asText(), created.group(2));
                }
            }
            Map<ErrorClass, Integer> tallied = new EnumMap<>(ErrorClass.class);
            json.get("errors").forEach(e -> tallied.put(ErrorClass.valueOf(e.get("class").asText().toUpperCase()), e.get("count").asInt()));
            assertEquals(classes, tallied, "the error table counts each failed run once, under its class");

            // Nothing twice: one user per run at most, one workspace per user at most.
            JsonNode users = simulator.api("/users?q=scaletest-&limit=10000").get("users");
            JsonNode workspaces = simulator.api("/workspaces?q=name:scaletest-&limit=10000").get("workspaces");
            Set<String> usernames = new HashSet<>();
            users.forEach(u -> assertTrue(usernames.add(u.get("username").asText()), "user twice: " + u.get("username")));
            assertTrue(users.size() <= COUNT, users.size() + " users for " + COUNT + " runs");
            Set<String> owners = new HashSet<>();
            workspaces.forEach(w -> assertTrue(owners.add(w.get("owner_id").asText()), "two workspaces of one owner: " + w.get("owner_name")));

            // The passes are exactly the runs whose workspace the simulator holds built, with its agents connected.
            Set<String> ready = new HashSet<>();
            for (JsonNode w : workspaces) {
                JsonNode build = w.get("latest_build");
                boolean agentsUp = true;
                for (JsonNode resource : build.get("resources")) {
                    for (JsonNode agent : resource.path("agents")) {
                        agentsUp &= "connected".equals(agent.get("status").asText());
                    }
                }
                if ("succeeded".equals(build.at("/job/status").asText()) && "start".equals(build.get("transition").asText()) && agentsUp) {
                    ready.add(w.get("id").asText());
                }
            }
            assertEquals(Set.copyOf(readyByRun.values()), ready, "the passed runs' workspaces are the ready ones");
            assertEquals(pass, ready.size());

            JsonNode throttling = json.get("throttling");
            assertTrue(throttling.get("responses").asLong() > 0, "429s were answered and waited out: " + throttling);
            assertTrue(throttling.get("retries").asLong() > 0, "5xx were retried: " + throttling);

            ScaletestRun cleanup = ScaletestRun.of(simulator, mode, "cleanup", "cleanup", "--journal", journal.toString(),
                    "--progress", "plain");
            int cleanups = 1 + cleanUpWhatWasGivenUp(simulator, mode, "cleanup", cleanup, journal);
            if (cleanups == 1) {
                assertEquals(0, cleanup.code(), cleanup.err());
            }
            JsonNode stats = simulator.stats();
            assertEquals(0, stats.get("scaletest_users").asInt(), stats.toString());
            assertEquals(0, stats.get("workspaces_alive").asInt(), stats.toString());

            // The run's own cleanup, under the same faults, leaves nothing either.
            int more = COUNT / 3;
            ScaletestRun withCleanup = ScaletestRun.of(simulator, mode, "create-and-clean", "create-workspaces", "--template",
                    "kubernetes", "--count", String.valueOf(more), "--concurrency", "20", "--cleanup-concurrency", "20",
                    "--progress", "plain", "--journal-dir", mode.resolve("journal-clean").toString());
            assertNotEquals(2, withCleanup.code(), withCleanup.err());
            int ownCleanups = cleanUpWhatWasGivenUp(simulator, mode, "create-and-clean", withCleanup, mode.resolve("journal-clean"));
            JsonNode after = simulator.stats();
            assertEquals(0, after.get("scaletest_users").asInt(), after + "\n" + withCleanup.err());
            assertEquals(0, after.get("workspaces_alive").asInt(), after + "\n" + withCleanup.err());
            return name + "-action 5xx: " + COUNT + " runs, " + pass + " passed (= ready workspaces), " + fail + " failed " + classes
                    + ", " + users.size() + " users and " + workspaces.size() + " workspaces before cleanup, 0 after; 429s "
                    + throttling.get("responses") + ", retries " + throttling.get("retries") + ", creates found existing "
                    + throttling.get("found_existing") + ", faults injected " + stats.get("faults_injected") + " (cleanup runs: "
                    + cleanups + "); then " + more + " runs with their own cleanup (exit " + withCleanup.code() + ", cleanup runs after it: "
                    + ownCleanups + "): 0 left";
        }
    }

    /**
     * Under 2% injected build failures all three delete builds of one workspace fail about once in
     * a thousand suite runs. The tool then gives up on that workspace, as designed, and keeps it in
     * the journal: its run fails with the failed delete build, and a second {@code cleanup
     * --journal} must take what is left. Any other failure, or anything left that the journal does
     * not lead the second cleanup to, fails the test. Returns the cleanups run here (0 or 1).
     */
    private static int cleanUpWhatWasGivenUp(StandaloneSimulator simulator, Path mode, String label, ScaletestRun run, Path journal)
            throws Exception {
        JsonNode left = simulator.stats();
        if (left.get("workspaces_alive").asInt() == 0 && left.get("scaletest_users").asInt() == 0) {
            return 0;
        }
        assertEquals(1, run.code(), left + "\n" + run.err());
        assertTrue(GAVE_UP_ON_DELETE.matcher(run.err()).find(), "only a failed delete build may leave anything behind: " + left
                + "\n" + run.err());
        ScaletestRun again = ScaletestRun.of(simulator, mode, label + "-again", "cleanup", "--journal", journal.toString(),
                "--progress", "plain");
        assertEquals(0, again.code(), again.err());
        return 1;
    }

    /** One finished run of the packaged tool against {@code simulator}; its output in {@code <label>-stdout.txt}/{@code -stderr.txt}. */
    record ScaletestRun(int code, String err) {
        static ScaletestRun of(StandaloneSimulator simulator, Path dir, String label, String... args) throws Exception {
            Path out = dir.resolve(label + "-stdout.txt");
            Path err = dir.resolve(label + "-stderr.txt");
            ProcessBuilder command = PackagedJar.command(args).redirectOutput(out.toFile()).redirectError(err.toFile());
            command.environment().put("CODER_URL", simulator.url());
            command.environment().put("CODER_SESSION_TOKEN", simulator.adminToken());
            Process process = command.start();
            try {
                assertTrue(process.waitFor(180, TimeUnit.SECONDS), label + " still running after 180s");
            } finally {
                process.destroyForcibly();
            }
            return new ScaletestRun(process.exitValue(), Files.readString(err));
        }
    }
}
