package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.cli.CliEnvironment;
import dev.scaletest.cli.ProductionLauncher;
import dev.scaletest.cli.ScaletestCommand;
import dev.scaletest.simulator.Distribution;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.simulator.ssh.SshOptions;
import dev.scaletest.simulator.terminal.TerminalOptions;
import dev.scaletest.simulator.state.DeploymentCounts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class CreateWorkspacesAndCleanupTest {
    private static Simulator simulator;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSimulator() throws Exception {
        simulator = Simulator.start(Faults.none(),
                o -> o.withBuildTime(Distribution.fixed(Duration.ZERO)).withAgentConnectTime(Distribution.fixed(Duration.ZERO)),
                TerminalOptions.defaults(), SshOptions.defaults());
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    private record Outcome(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private Outcome scaletest(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        CliEnvironment env = new CliEnvironment(Map.of(), Clock.systemUTC(), tmp.resolve("home"), false);
        CommandLine commandLine = new ScaletestCommand(new ProductionLauncher(o, e), env).commandLine();
        commandLine.setOut(new PrintWriter(o, true));
        commandLine.setErr(new PrintWriter(e, true));
        int code = commandLine.execute(args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String[] against(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--url", simulator.url().toString(), "--token", simulator.adminToken()));
        return all.toArray(String[]::new);
    }

    private static DeploymentCounts counts() {
        return simulator.api().deployment().counts();
    }

    private Path onlyRunDirectory(Path journals) throws Exception {
        try (Stream<Path> dirs = Files.list(journals)) {
            List<Path> all = dirs.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    @Test
    @Timeout(240)
    void embeddedRunOfAThousandPassesAndLeavesNothingBehind() throws Exception {
        Path json = tmp.resolve("out.json");
        Outcome r = scaletest("create-workspaces", "--embedded", "--count", "1000", "--concurrency", "0", "--progress", "none",
                "--journal-dir", tmp.resolve("journal").toString(), "--output", "json:" + json);
        assertEquals(0, r.code(), r.err());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(1000, report.get("total_pass").asInt(), r.err());
        assertEquals(0, report.get("total_fail").asInt(), r.err());
        assertEquals(1000, report.get("runs").size());
        assertTrue(r.err().contains("Running load test..."), r.err());
        assertTrue(r.err().contains("Cleaning up..."), r.err());
        assertTrue(r.err().contains("Built-in simulator at exit: 0 scaletest users, 0 workspaces"), r.err());
    }

    @Test
    void noCleanupLeavesWorkspacesThatCleanupRemoves() throws Exception {
        Outcome created = scaletest(against("create-workspaces", "--template", "kubernetes", "--count", "20", "--concurrency", "0",
                "--no-cleanup", "--progress", "none", "--journal-dir", tmp.resolve("journal").toString(), "--output", "json:" + tmp.resolve("r.json")));
        assertEquals(0, created.code(), created.err());
        assertEquals(20, counts().workspacesAlive());
        assertEquals(20, counts().scaletestUsers());
        // No cleanup phase at all, as Coder's tool: no "Cleaning up..." line, and the way to remove what stays.
        assertFalse(created.err().contains("Cleaning up..."), created.err());
        assertTrue(created.err().contains("--no-cleanup: what this run created stays; remove it with: scaletest cleanup --journal "
                + tmp.resolve("journal")), created.err());

        Outcome cleanup = scaletest(against("cleanup", "--cleanup-concurrency", "0"));
        assertEquals(0, cleanup.code(), cleanup.err());
        assertTrue(cleanup.err().contains("Found 20 scaletest workspaces"), cleanup.err());
        assertEquals(0, counts().workspacesAlive());
        assertEquals(0, counts().scaletestUsers());

        Outcome again = scaletest(against("cleanup"));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("Found 0 scaletest workspaces"), again.err());
        assertTrue(again.err().contains("Found 0 scaletest users"), again.err());
    }

    @Test
    void journalCleanupDeletesOnlyWhatThatRunCreated() throws Exception {
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");
        assertEquals(0, scaletest(against("create-workspaces", "--template", "kubernetes", "--count", "3", "--no-cleanup",
                "--progress", "none", "--journal-dir", first.toString(), "--output", "json:" + tmp.resolve("a.json"))).code());
        assertEquals(0, scaletest(against("create-workspaces", "--template", "kubernetes", "--count", "2", "--no-cleanup",
                "--progress", "none", "--journal-dir", second.toString(), "--output", "json:" + tmp.resolve("b.json"))).code());
        int before = counts().workspacesAlive();
        int usersBefore = counts().scaletestUsers();

        Outcome cleanup = scaletest(against("cleanup", "--journal", first.toString()));
        assertEquals(0, cleanup.code(), cleanup.err());
        assertEquals(before - 3, counts().workspacesAlive());
        assertEquals(usersBefore - 3, counts().scaletestUsers());

        Outcome again = scaletest(against("cleanup", "--journal", first.toString()));
        assertEquals(0, again.code(), again.err());
        assertEquals(before - 3, counts().workspacesAlive());

        assertEquals(0, scaletest(against("cleanup", "--journal", second.toString())).code());
        assertEquals(before - 5, counts().workspacesAlive());
        assertEquals(usersBefore - 5, counts().scaletestUsers());
    }

    @Test
    void runCommandPassesOnExpectedOutputAndFailsOtherwise() throws Exception {
        Path good = tmp.resolve("good.json");
        Outcome pass = scaletest(against("create-workspaces", "--template", "kubernetes", "--count", "2", "--concurrency", "0",
                "--cleanup-concurrency", "0", "--progress", "none", "--run-command", "uptime", "--run-expect-output", "uptime: simulated",
                "--journal-dir", tmp.resolve("j1").toString(), "--output", "json:" + good));
        assertEquals(0, pass.code(), pass.err());
        assertEquals(2, new ObjectMapper().readTree(good.toFile()).findValue("total_pass").asInt());
        String report = Files.readString(good);
        assertTrue(report.contains("Build started! Streaming logs below:"), report);
        assertTrue(report.contains("Build succeeded!"), report);
        assertTrue(!report.contains("polling the build instead"), report);

        Path bad = tmp.resolve("bad.json");
        Outcome fail = scaletest(against("create-workspaces", "--template", "kubernetes", "--count", "2", "--concurrency", "0",
                "--cleanup-concurrency", "0", "--progress", "none", "--run-command", "uptime", "--run-expect-output", "never printed",
                "--journal-dir", tmp.resolve("j2").toString(), "--output", "json:" + bad));
        assertEquals(1, fail.code(), fail.err());
        assertEquals(2, new ObjectMapper().readTree(bad.toFile()).findValue("total_fail").asInt());
    }

    @Test
    void zeroCountIsOneLineUsageError() {
        assertOneLineExit2(scaletest(against("create-workspaces", "--template", "kubernetes", "--count", "0")));
    }

    @Test
    void unknownTemplateIsOneLineUsageError() {
        assertOneLineExit2(scaletest(against("create-workspaces", "--template", "no-such-template", "--count", "1",
                "--journal-dir", tmp.resolve("j").toString())));
    }

    @Test
    void badTokenIsOneLineUsageError() {
        assertOneLineExit2(scaletest("create-workspaces", "--template", "kubernetes", "--count", "1",
                "--url", simulator.url().toString(), "--token", "bad-token", "--journal-dir", tmp.resolve("j").toString()));
    }

    @Test
    void unreachableUrlIsOneLineUsageError() {
        assertOneLineExit2(scaletest("create-workspaces", "--template", "kubernetes", "--count", "1",
                "--url", "http://127.0.0.1:1", "--token", "x", "--journal-dir", tmp.resolve("j").toString()));
    }

    private static void assertOneLineExit2(Outcome r) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
    }
}
