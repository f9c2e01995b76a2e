package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scaletest report merge} on real shard reports: it refuses a set that is not one whole run
 * (exit 2, one line naming the missing or repeated shards, nothing written), merges what is there
 * with {@code --allow-incomplete} and says so, merges reports without shard metadata as before
 * with a note, judges thresholds on the merged whole and exits with the merged verdict.
 */
@Timeout(120)
class ReportMergeCommandE2ETest {
    @TempDir
    static Path shards;

    @TempDir
    Path tmp;

    /** Shards 0, 1 and 2 of run "merge-6": {@code create-workspaces --embedded --count 6}, two runs each. */
    static List<Path> shard = new ArrayList<>();

    @BeforeAll
    static void runThreeShards() {
        for (int index = 0; index < 3; index++) {
            Path json = shards.resolve("shard-" + index + ".json");
            ScaletestProcess p = new ScaletestProcess(shards.resolve("home"));
            assertEquals(0, p.run("create-workspaces", "--embedded", "--count", "6", "--concurrency", "0", "--shard", index + "/3",
                    "--run-id", "merge-6", "--quiet", "--journal-dir", shards.resolve("journal-" + index).toString(),
                    "--output", "json:" + json), p.diagnostics());
            shard.add(json);
        }
    }

    private record Merge(int code, String err, Path json) {}

    private Merge merge(List<Path> inputs, String... flags) {
        Path json = tmp.resolve("merged.json");
        List<String> args = new ArrayList<>(List.of("report", "merge"));
        inputs.forEach(i -> args.add(i.toString()));
        args.addAll(List.of("--output", "json:" + json));
        args.addAll(List.of(flags));
        ScaletestProcess p = new ScaletestProcess(tmp.resolve("home"));
        int code = p.run(args.toArray(String[]::new));
        return new Merge(code, p.err(), json);
    }

    @Test
    void aMissingShardIsOneLineExit2AndNothingIsWritten() {
        Merge m = merge(List.of(shard.get(0), shard.get(2)));
        assertEquals(2, m.code(), m.err());
        assertEquals(List.of("scaletest: cannot merge run merge-6 (3 shards): missing --shard 1/3; --allow-incomplete merges the"
                + " shards that are there. Run 'scaletest report merge --help' for usage."), m.err().lines().toList());
        assertFalse(Files.exists(m.json()));
    }

    @Test
    void aRepeatedShardIsOneLineExit2() {
        Merge m = merge(List.of(shard.get(0), shard.get(1), shard.get(1), shard.get(2)));
        assertEquals(2, m.code(), m.err());
        assertEquals(1, m.err().lines().count(), m.err());
        assertTrue(m.err().startsWith("scaletest: cannot merge run merge-6 (3 shards): more than one report for --shard 1/3 (2);"
                + " pass each shard's report once."), m.err());
        assertFalse(Files.exists(m.json()));
    }

    @Test
    void allowIncompleteMergesWhatIsThereAndMarksIt() throws Exception {
        Merge m = merge(List.of(shard.get(0), shard.get(2)), "--allow-incomplete");
        assertEquals(0, m.code(), m.err());
        JsonNode report = ScaletestProcess.json(m.json());
        assertEquals(4, report.get("total_runs").asInt());
        assertTrue(report.at("/metadata/incomplete").asBoolean(), report.get("metadata").toString());
        assertEquals("[1]", report.at("/metadata/missing_shards").toString());
        assertTrue(m.err().contains("Incomplete: no report from shard 2 of 3; the figures cover the other 2 shards only."), m.err());
    }

    @Test
    void thresholdsAreJudgedOnTheMergedWholeAndTheExitCodeIsItsVerdict() throws Exception {
        // Each shard created 2 workspaces: only the merged whole has 6.
        Merge pass = merge(shard, "--threshold", "workspace.create:count>=6");
        assertEquals(0, pass.code(), pass.err());
        JsonNode report = ScaletestProcess.json(pass.json());
        assertEquals(6, report.get("total_pass").asInt());
        assertEquals("merge-6", report.at("/metadata/run_id").asText());
        assertEquals(6.0, report.at("/thresholds/0/observed_value").asDouble());
        assertTrue(pass.err().contains("Run merge-6: merged from 3 of 3 shards"), pass.err());

        Merge fail = merge(shard, "--threshold", "workspace.create:count>=7");
        assertEquals(3, fail.code(), fail.err());
        assertEquals("thresholds_failed", ScaletestProcess.json(fail.json()).get("verdict").asText());
        assertTrue(fail.err().contains("Verdict: thresholds_failed"), fail.err());
    }

    @Test
    void aBadThresholdIsOneLineExit2() {
        Merge m = merge(shard, "--threshold", "nonsense");
        assertEquals(2, m.code(), m.err());
        assertEquals(1, m.err().lines().count(), m.err());
        assertTrue(m.err().startsWith("scaletest: --threshold: "), m.err());
    }

    @Test
    void reportsWithoutShardMetadataMergeAsBeforeWithANote() throws Exception {
        List<Path> whole = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path json = tmp.resolve("whole-" + i + ".json");
            ScaletestProcess p = new ScaletestProcess(tmp.resolve("home"));
            assertEquals(0, p.run("create-workspaces", "--embedded", "--count", "2", "--concurrency", "0", "--quiet",
                    "--journal-dir", tmp.resolve("j" + i).toString(), "--output", "json:" + json), p.diagnostics());
            whole.add(json);
        }
        Merge m = merge(whole);
        assertEquals(0, m.code(), m.err());
        assertEquals(4, ScaletestProcess.json(m.json()).get("total_runs").asInt());
        assertTrue(m.err().contains("Merged 2 reports without shard metadata as they are: not checked to be the parts of one run."),
                m.err());
    }
}
