package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.journal.JournalReader;
import dev.scaletest.journal.LeftoverResource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Ctrl-C and {@code kill -9} on the packaged tool at seeded random points of
 * {@code create-workspaces} against a standalone simulator: during user creation, builds, the
 * wait for agents, the web terminal {@code --run-command} holds open (its traffic) and cleanup.
 * The simulator's delays make each phase last over a second, and each point is a random delay
 * after the phase's first sign (the journal's lines, the "Cleaning up..." line on stderr). Afterwards
 * nothing the run created is left: at once after a Ctrl-C, and after {@code cleanup --journal}
 * (or plain {@code cleanup}) after a kill. The seed is printed; rerun a failure with
 * {@code -Dscaletest.interrupt.seed=N}.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
// Mostly waiting on injected delays, so the class runs beside the other suites (never beside the
// rate-limit one); its own tests run one after another.
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = SharedMachine.CPU, mode = ResourceAccessMode.READ)
class InterruptAndKillE2ETest {
    @BeforeAll
    static void ctrlCReachesTheTool() throws Exception {
        InheritedSignals.requireSigintNotIgnored();
    }

    private static final long SEED = Long.getLong("scaletest.interrupt.seed", System.nanoTime());
    private static final int TRIALS = 10;
    /** Trials run at once against the one simulator; each checks only the names its own journal records. */
    private static final int WAVE = TRIALS;
    /**
     * The tool's JVMs here are short-lived and many at once: C1 only and the serial collector cost
     * less CPU at start, which is most of what this test spends.
     */
    private static final List<String> SHORT_LIVED_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final String CLEANING_UP = "Cleaning up...";

    @TempDir
    static Path dir;

    private static StandaloneSimulator simulator;
    private static ExecutorService trials;

    @BeforeAll
    static void start() throws Exception {
        System.out.println("InterruptAndKillE2ETest seed " + SEED + " (rerun with -Dscaletest.interrupt.seed=" + SEED + ")");
        // Each phase lasts long enough to be hit: 1.5 s per user creation, build, agent connection
        // and user deletion, a 4 s web terminal session; enough provisioners that builds never queue.
        simulator = StandaloneSimulator.start(dir.resolve("simulator.log"), "--provisioners", "50",
                "--build-time", "1500ms", "--agent-connect-time", "1500ms",
                "--fault-latency", "POST /users=1500ms", "--fault-latency", "DELETE /users/{user}=1500ms");
        trials = Executors.newFixedThreadPool(WAVE);
    }

    @AfterAll
    static void stop() throws Exception {
        trials.shutdownNow();
        simulator.close();
    }

    /** Where in a run a signal lands: {@code delay} after the phase's first sign. */
    enum Phase {
        USER_CREATION(Sign.USER_INTENT, 0, 1000),
        BUILD(Sign.WORKSPACE_CREATED, 0, 1200),
        AGENT_WAIT(Sign.WORKSPACE_CREATED, 2300, 3300),
        TRAFFIC(Sign.WORKSPACE_CREATED, 5000, 7500),
        CLEANUP(Sign.CLEANING_UP, 100, 1800);

        final Sign sign;
        final int fromMillis;
        final int toMillis;

        Phase(Sign sign, int fromMillis, int toMillis) {
            this.sign = sign;
            this.fromMillis = fromMillis;
            this.toMillis = toMillis;
        }
    }

    enum Sign { USER_INTENT, WORKSPACE_CREATED, CLEANING_UP }

    record Point(int trial, Phase phase, long delayMillis) {
        @Override
        public String toString() {
            return "trial " + trial + ": " + phase + " +" + delayMillis + "ms";
        }
    }

    /** Ten points, two in each phase, at seeded random delays. */
    private static List<Point> points(long seed) {
        Random random = new Random(seed);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < TRIALS; i++) {
            Phase phase = Phase.values()[i % Phase.values().length];
            points.add(new Point(i, phase, phase.fromMillis + random.nextInt(phase.toMillis - phase.fromMillis + 1)));
        }
        return points;
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD) // one after another: each starts ten tools and checks the whole simulator
    void sigintAtTenRandomPointsLeavesNoUserAndNoWorkspace() throws Exception {
        List<String> outcomes = inWaves(points(SEED), point -> {
            Path trial = Files.createDirectories(dir.resolve("sigint-" + point.trial()));
            Process scaletest = createWorkspaces(trial);
            try {
                awaitPoint(scaletest, trial, point);
                signal("-INT", scaletest);
                assertTrue(scaletest.waitFor(90, TimeUnit.SECONDS), point + ": still running 90s after Ctrl-C");
            } finally {
                scaletest.destroyForcibly();
            }
            assertEquals(130, scaletest.exitValue(), point + ":\n" + Files.readString(trial.resolve("stderr.txt")));
            List<String> left = leftOnSimulator(trial);
            assertEquals(List.of(), left, point + ": left after Ctrl-C\n" + Files.readString(trial.resolve("stderr.txt")));
            return point + " -> exit 130, nothing left";
        });
        outcomes.forEach(System.out::println);
        assertNothingLeft();
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD) // one after another: each starts ten tools and checks the whole simulator
    void secondSigintDuringCleanupStopsAtOnceAndCleanupJournalRemovesTheRest() throws Exception {
        Path trial = Files.createDirectories(dir.resolve("sigint-twice"));
        Process scaletest = createWorkspaces(trial);
        long stoppedMillis;
        try {
            awaitPoint(scaletest, trial, new Point(0, Phase.CLEANUP, 150));
            signal("-INT", scaletest);
            Thread.sleep(300);
            signal("-INT", scaletest);
            long second = System.nanoTime();
            assertTrue(scaletest.waitFor(30, TimeUnit.SECONDS), "still running 30s after the second Ctrl-C");
            stoppedMillis = (System.nanoTime() - second) / 1_000_000;
        } finally {
            scaletest.destroyForcibly();
        }
        String err = Files.readString(trial.resolve("stderr.txt"));
        assertEquals(130, scaletest.exitValue(), err);
        List<LeftoverResource> journaled = JournalReader.leftovers(trial.resolve("journal"));
        // Deleting two workspaces and two users takes over 3 s here: anything journaled as left shows the cleanup was cut short.
        assertFalse(journaled.isEmpty(), "the second Ctrl-C came too late to cut the cleanup short (" + stoppedMillis + " ms):\n" + err);
        System.out.println("second Ctrl-C: exit after " + stoppedMillis + " ms, " + journaled.size() + " resources left in the journal");

        Result cleanup = cleanup(trial, "--journal", trial.resolve("journal").toString());
        assertEquals(0, cleanup.code(), cleanup.err());
        assertEquals(List.of(), leftOnSimulator(trial), "after cleanup --journal");
        assertNothingLeft();
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD) // one after another: each starts ten tools and checks the whole simulator
    void killAtTenRandomPointsThenCleanupJournalLeavesNothingAndATornLineIsReported() throws Exception {
        List<String> outcomes = inWaves(points(SEED + 1), point -> {
            Path trial = Files.createDirectories(dir.resolve("kill-" + point.trial()));
            Process scaletest = createWorkspaces(trial);
            try {
                awaitPoint(scaletest, trial, point);
                signal("-KILL", scaletest);
                assertTrue(scaletest.waitFor(30, TimeUnit.SECONDS), point + ": alive after kill -9");
            } finally {
                scaletest.destroyForcibly();
            }
            assertEquals(137, scaletest.exitValue(), point.toString());
            Path journal = trial.resolve("journal");
            List<String> leftBefore = leftOnSimulator(trial);
            boolean torn = point.trial() == 0;
            if (torn) {
                // A kill in the middle of a write: the last line is cut off.
                Files.writeString(journal.resolve("journal.jsonl"), "{\"at\":\"2026-12-06T11:00:00Z\",\"event\":\"crea",
                        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
            Result cleanup = cleanup(trial, "--journal", journal.toString());
            assertEquals(0, cleanup.code(), point + ":\n" + cleanup.err());
            long notices = cleanup.err().lines().filter(l -> l.startsWith("Skipped 1 unreadable line in ")).count();
            assertEquals(torn ? 1 : 0, notices, point + ": the torn line is reported once, and only when there is one:\n" + cleanup.err());
            List<String> left = leftOnSimulator(trial);
            assertEquals(List.of(), left, point + ": after cleanup --journal");
            return point + " -> killed with " + leftBefore.size() + " left, cleanup --journal left " + left.size()
                    + (torn ? " (torn last line reported)" : "");
        });
        outcomes.forEach(System.out::println);
        assertNothingLeft();
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD) // one after another: each starts ten tools and checks the whole simulator
    void killThenPlainCleanupFindsEverythingByPrefix() throws Exception {
        Path trial = Files.createDirectories(dir.resolve("kill-plain"));
        Process scaletest = createWorkspaces(trial);
        try {
            awaitPoint(scaletest, trial, new Point(0, Phase.BUILD, 300));
            signal("-KILL", scaletest);
            assertTrue(scaletest.waitFor(30, TimeUnit.SECONDS));
        } finally {
            scaletest.destroyForcibly();
        }
        assertFalse(leftOnSimulator(trial).isEmpty(), "the kill left something to clean up");

        Result cleanup = cleanup(trial);
        assertEquals(0, cleanup.code(), cleanup.err());
        assertNothingLeft();
    }

    @FunctionalInterface
    interface Trial {
        String run(Point point) throws Exception;
    }

    private static List<String> inWaves(List<Point> points, Trial trial) throws Exception {
        List<Future<String>> futures = new ArrayList<>();
        for (Point point : points) {
            futures.add(trials.submit(() -> trial.run(point)));
        }
        // Every trial ends before a failure is thrown, so none runs on into the next test.
        for (Future<String> future : futures) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException ignored) {
                // reported below, in trial order
            }
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> future : futures) {
            outcomes.add(future.get());
        }
        return outcomes;
    }

    /** Two runs at once: user, workspace, build, agents, a 4 s web terminal session each, then cleanup. */
    private static Process createWorkspaces(Path trial) throws Exception {
        ProcessBuilder command = PackagedJar.command("create-workspaces", "--template", "kubernetes", "--count", "2",
                "--concurrency", "2", "--cleanup-concurrency", "2", "--journal-dir", trial.resolve("journal").toString(),
                "--progress", "plain", "--run-command", "dd if=/dev/stdin of=/dev/null", "--run-timeout", "4s",
                "--run-expect-timeout", "--output", "json:" + trial.resolve("report.json"));
        return against(shortLived(command)).redirectOutput(trial.resolve("stdout.txt").toFile())
                .redirectError(trial.resolve("stderr.txt").toFile()).start();
    }

    record Result(int code, String out, String err) {}

    private static Result cleanup(Path trial, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("cleanup", "--progress", "plain"));
        args.addAll(List.of(flags));
        Path out = trial.resolve("cleanup-stdout.txt");
        Path err = trial.resolve("cleanup-stderr.txt");
        Process cleanup = against(shortLived(PackagedJar.command(args.toArray(String[]::new))))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(cleanup.waitFor(90, TimeUnit.SECONDS), "cleanup still running after 90s");
        return new Result(cleanup.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static ProcessBuilder shortLived(ProcessBuilder command) {
        command.command().addAll(1, SHORT_LIVED_JVM);
        return command;
    }

    private static ProcessBuilder against(ProcessBuilder command) {
        command.environment().put("CODER_URL", simulator.url());
        command.environment().put("CODER_SESSION_TOKEN", simulator.adminToken());
        return command;
    }

    /** Waits for the point's phase to show, then for its delay. */
    private static void awaitPoint(Process scaletest, Path trial, Point point) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!shows(trial, point.phase().sign)) {
            if (!scaletest.isAlive()) {
                throw new AssertionError(point + ": exited " + scaletest.exitValue() + " before its phase:\n"
                        + Files.readString(trial.resolve("stderr.txt")));
            }
            if (System.nanoTime() > until) {
                throw new AssertionError(point + ": its phase did not come within 90s");
            }
            Thread.sleep(20);
        }
        Thread.sleep(point.delayMillis());
        assertTrue(scaletest.isAlive(), point + ": the run ended before the signal; the phase windows need widening");
    }

    private static boolean shows(Path trial, Sign sign) throws Exception {
        return switch (sign) {
            case USER_INTENT -> read(trial.resolve("journal").resolve("journal.jsonl")).contains("\"event\":\"intent\",\"kind\":\"user\"");
            case WORKSPACE_CREATED -> read(trial.resolve("journal").resolve("journal.jsonl")).contains("\"event\":\"created\",\"kind\":\"workspace\"");
            case CLEANING_UP -> read(trial.resolve("stderr.txt")).contains(CLEANING_UP);
        };
    }

    private static String read(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static void signal(String signal, Process process) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor(), "kill " + signal);
    }

    /**
     * The users and workspaces named in the trial's journal that the simulator still holds: the
     * journal records each name before the call that creates it, so a name it lacks was never created.
     */
    private static List<String> leftOnSimulator(Path trial) throws Exception {
        List<String> names = new ArrayList<>();
        Path journal = trial.resolve("journal").resolve("journal.jsonl");
        if (!Files.exists(journal)) {
            return names;
        }
        List<String> journaled = JournalReader.read(journal).entries().stream().map(e -> e.name()).distinct().toList();
        for (JsonNode user : simulator.api("/users?q=scaletest-&limit=1000").get("users")) {
            if (journaled.contains(user.get("username").asText())) {
                names.add("user " + user.get("username").asText());
            }
        }
        for (JsonNode workspace : simulator.api("/workspaces?q=name:scaletest-&limit=1000").get("workspaces")) {
            if (journaled.contains(workspace.get("name").asText())) {
                names.add("workspace " + workspace.get("name").asText());
            }
        }
        return names;
    }

    private static void assertNothingLeft() throws Exception {
        JsonNode stats = simulator.stats();
        assertEquals(0, stats.get("scaletest_users").asInt(), stats.toString());
        assertEquals(0, stats.get("workspaces_alive").asInt(), stats.toString());
    }
}
