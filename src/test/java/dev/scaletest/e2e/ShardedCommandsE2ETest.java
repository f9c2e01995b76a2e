package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.simulator.Distribution;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.simulator.api.CoderRoutes;
import dev.scaletest.simulator.ssh.SshOptions;
import dev.scaletest.simulator.state.DeploymentCounts;
import dev.scaletest.simulator.terminal.TerminalOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The existing commands split over shards that never talk to each other, each in its own run of
 * the command line: create-workspaces takes its slice of {@code --count} (numbered as in the whole
 * run), workspace-traffic the workspaces it owns by ID, cleanup its part of the prefix match; each
 * report records its shard and the run id, and {@code report merge} puts the shards together into
 * the whole run.
 */
@Timeout(180)
class ShardedCommandsE2ETest {
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

    @Test
    void twoShardsOfAnEmbeddedCreateGiveFiftyRunsEachAndMergeIntoAHundred() throws Exception {
        List<Path> reports = new ArrayList<>();
        for (int index = 0; index < 2; index++) {
            Path json = tmp.resolve("shard-" + index + ".json");
            ScaletestProcess shard = new ScaletestProcess(tmp.resolve("home"));
            int code = shard.run("create-workspaces", "--embedded", "--count", "100", "--concurrency", "0", "--shard", index + "/2",
                    "--run-id", "create-100", "--progress", "none", "--journal-dir", tmp.resolve("journal-" + index).toString(),
                    "--output", "json:" + json);
            assertEquals(0, code, shard.diagnostics());
            assertTrue(shard.err().contains("Run create-100: shard " + (index + 1) + " of 2"), "the summary names the shard:\n"
                    + shard.diagnostics());
            assertTrue(shard.err().contains("Built-in simulator at exit: 0 scaletest users, 0 workspaces"), shard.diagnostics());
            reports.add(json);
        }
        assertShardsOfAHundred(reports, "create-100");
        assertMergeOfAHundred(reports);
    }

    @Test
    void theSameWithTheIndexAndCountKubernetesSetsInTheEnvironment() throws Exception {
        List<Path> reports = new ArrayList<>();
        for (int index = 0; index < 2; index++) {
            Path json = tmp.resolve("pod-" + index + ".json");
            ScaletestProcess pod = new ScaletestProcess(tmp.resolve("home"), Map.of("JOB_COMPLETION_INDEX", String.valueOf(index),
                    "CODER_SCALETEST_SHARD_COUNT", "2", "CODER_SCALETEST_RUN_ID", "job-create-100"));
            int code = pod.run("create-workspaces", "--embedded", "--count", "100", "--concurrency", "0", "--progress", "none",
                    "--journal-dir", tmp.resolve("journal-" + index).toString(), "--output", "json:" + json);
            assertEquals(0, code, pod.diagnostics());
            reports.add(json);
        }
        assertShardsOfAHundred(reports, "job-create-100");
        assertMergeOfAHundred(reports);
    }

    private static void assertShardsOfAHundred(List<Path> reports, String runId) throws Exception {
        for (int index = 0; index < 2; index++) {
            JsonNode report = ScaletestProcess.json(reports.get(index));
            assertEquals(50, report.get("total_runs").asInt());
            assertEquals(50, report.get("total_pass").asInt());
            assertEquals(index, report.at("/metadata/shard/index").asInt());
            assertEquals(2, report.at("/metadata/shard/count").asInt());
            assertEquals(runId, report.at("/metadata/run_id").asText());
            assertEquals(CoderRoutes.VERSION, report.at("/metadata/coder_version").asText(), "GET /api/v2/buildinfo's version");
            Set<String> expected = new TreeSet<>();
            for (int run = index * 50; run < index * 50 + 50; run++) {
                expected.add("workspacebuild/" + run);
            }
            assertEquals(expected, runIds(report), "shard " + index + " runs its slice, numbered as in the whole run");
        }
    }

    private void assertMergeOfAHundred(List<Path> reports) throws Exception {
        Path merged = tmp.resolve("merged.json");
        ScaletestProcess merge = new ScaletestProcess(tmp.resolve("home"));
        assertEquals(0, merge.run("report", "merge", reports.get(0).toString(), reports.get(1).toString(), "--output",
                "json:" + merged), merge.diagnostics());
        JsonNode report = ScaletestProcess.json(merged);
        assertEquals(100, report.get("total_runs").asInt());
        assertEquals(100, report.get("total_pass").asInt());
        assertEquals(100, runIds(report).size());
        assertFalse(report.at("/metadata").has("renamed_runs"), "no run id of one shard clashes with the other's");
        assertEquals(100, report.at("/operations/workspace.create/count").asInt());
        assertEquals(CoderRoutes.VERSION, report.at("/metadata/coder_version").asText());
    }

    @Test
    void trafficShardsTakeEachWorkspaceOnceAndTogetherAllOfThem() throws Exception {
        int workspaces = 12;
        createWithoutCleanup(workspaces);
        List<Path> reports = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int index = 0; index < 3; index++) {
            Path json = tmp.resolve("traffic-" + index + ".json");
            ScaletestProcess shard = new ScaletestProcess(tmp.resolve("home"));
            int code = shard.run(against("workspace-traffic", "--shard", index + "/3", "--run-id", "traffic-12", "--timeout", "1s",
                    "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s", "--progress", "none",
                    "--journal-dir", tmp.resolve("tj-" + index).toString(), "--output", "json:" + json));
            assertEquals(0, code, shard.diagnostics());
            Set<String> runs = runIds(ScaletestProcess.json(json));
            for (String run : runs) {
                assertTrue(seen.add(run), run + " in two shards");
            }
            reports.add(json);
        }
        Set<String> all = new TreeSet<>();
        for (int i = 0; i < workspaces; i++) {
            all.add("workspace-traffic/" + i);
        }
        assertEquals(all, new TreeSet<>(seen), "the shards together drive every workspace");

        Path merged = tmp.resolve("traffic-merged.json");
        ScaletestProcess merge = new ScaletestProcess(tmp.resolve("home"));
        List<String> args = new ArrayList<>(List.of("report", "merge"));
        reports.forEach(r -> args.add(r.toString()));
        args.addAll(List.of("--output", "json:" + merged));
        assertEquals(0, merge.run(args.toArray(String[]::new)), merge.diagnostics());
        JsonNode report = ScaletestProcess.json(merged);
        assertEquals(workspaces, report.get("total_pass").asInt());
        assertEquals(workspaces, report.at("/traffic/streams").asInt());
        cleanupAll();
    }

    @Test
    void cleanupShardsEachDeleteTheirPartOfThePrefixMatch() throws Exception {
        createWithoutCleanup(16);
        int deleted = 0;
        for (int index = 0; index < 2; index++) {
            ScaletestProcess shard = new ScaletestProcess(tmp.resolve("home"));
            int before = counts().workspacesAlive();
            assertEquals(0, shard.run(against("cleanup", "--shard", index + "/2", "--cleanup-concurrency", "0")), shard.diagnostics());
            assertTrue(shard.err().contains("shard " + (index + 1) + " of 2: "), shard.diagnostics());
            int gone = before - counts().workspacesAlive();
            assertEquals(counts().workspacesAlive(), counts().scaletestUsers(), "each user went with its workspace");
            if (index == 0) {
                assertTrue(gone > 0 && gone < 16, "the first shard deletes only its part: " + gone);
            }
            deleted += gone;
        }
        assertEquals(16, deleted);
        assertEquals(0, counts().workspacesAlive());
        assertEquals(0, counts().scaletestUsers());
    }

    private void createWithoutCleanup(int count) {
        ScaletestProcess create = new ScaletestProcess(tmp.resolve("home"));
        assertEquals(0, create.run(against("create-workspaces", "--template", "kubernetes", "--count", String.valueOf(count),
                "--concurrency", "0", "--no-cleanup", "--progress", "none", "--journal-dir", tmp.resolve("create").toString(),
                "--output", "json:" + tmp.resolve("create.json"))), create.diagnostics());
        assertEquals(count, counts().workspacesAlive());
    }

    private void cleanupAll() {
        ScaletestProcess cleanup = new ScaletestProcess(tmp.resolve("home"));
        assertEquals(0, cleanup.run(against("cleanup", "--cleanup-concurrency", "0")), cleanup.diagnostics());
        assertEquals(0, counts().workspacesAlive());
    }

    private static String[] against(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", simulator.url().toString(), "--token", simulator.adminToken()));
        return all.toArray(String[]::new);
    }

    private static DeploymentCounts counts() {
        return simulator.api().deployment().counts();
    }

    static Set<String> runIds(JsonNode report) {
        Set<String> ids = new TreeSet<>();
        report.get("runs").fieldNames().forEachRemaining(ids::add);
        return ids;
    }
}
