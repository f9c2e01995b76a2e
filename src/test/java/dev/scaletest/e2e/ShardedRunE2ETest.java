package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four processes of {@code scaletest run --shard i/4} against one standalone simulator, at the same
 * time and without a word between them, as four pods of an Indexed Job: each creates its quarter of
 * 200 workspaces, drives 30 s of traffic through the ones it created, and cleans up. Their reports
 * merge into one run of 200 creates and 200 streams, each workspace driven by exactly one shard, a
 * merged p99 that is the p99 of every shard's raw samples, and nothing left on the simulator.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ShardedRunE2ETest {
    private static final int SHARDS = 4;
    private static final int WORKSPACES = 200;
    private static final String RUN_ID = "four-shards";

    @TempDir
    Path dir;

    @Test
    void fourShardsOfOneRunMergeIntoTheWholeRun() throws Exception {
        try (StandaloneSimulator simulator = StandaloneSimulator.start(dir.resolve("simulator.log"),
                "--provisioners", "32", "--build-time", "20ms..60ms", "--agent-connect-time", "20ms..60ms");
                JarProcesses shards = new JarProcesses()) {
            List<Path> reports = new ArrayList<>();
            for (int i = 0; i < SHARDS; i++) {
                Path json = dir.resolve("shard-" + i + ".json");
                reports.add(json);
                // 10 KB/s a stream: 200 streams at the default 40 KB/s would hold both cores of a CI machine for the
                // whole 30 s, and the test is about who drives what, not about throughput.
                shards.start(PackagedJar.command("run", "--url", simulator.url(), "--token", simulator.adminToken(),
                        "--template", "kubernetes", "--count", String.valueOf(WORKSPACES), "--concurrency", "0",
                        "--shard", i + "/" + SHARDS, "--run-id", RUN_ID, "--traffic-duration", "30s", "--bytes-per-tick", "1024",
                        "--progress", "none",
                        "--journal-dir", dir.resolve("journal-" + i).toString(), "--output", "json:" + json), dir.resolve("shard-" + i));
            }
            assertEquals(List.of(0, 0, 0, 0), shards.awaitAll(Duration.ofSeconds(200)), shards.diagnostics());

            Set<String> driven = new HashSet<>();
            List<Histogram> echoes = new ArrayList<>();
            for (int i = 0; i < SHARDS; i++) {
                JsonNode shard = ScaletestProcess.json(reports.get(i));
                assertEquals(i, shard.at("/metadata/shard/index").asInt());
                assertEquals(RUN_ID, shard.at("/metadata/run_id").asText());
                Set<String> created = numbers(shard, "workspacebuild/");
                Set<String> traffic = numbers(shard, "workspace-traffic/");
                assertEquals(WORKSPACES / SHARDS, created.size(), "shard " + i + " creates its quarter");
                assertEquals(created, traffic, "shard " + i + " drives exactly the workspaces it created");
                for (String workspace : traffic) {
                    assertTrue(driven.add(workspace), "workspace " + workspace + " driven by two shards");
                }
                echoes.add(histogram(shard));
            }
            assertEquals(WORKSPACES, driven.size(), "the shards together drive every workspace");

            Path merged = dir.resolve("merged.json");
            ScaletestProcess merge = new ScaletestProcess(dir.resolve("home"));
            List<String> args = new ArrayList<>(List.of("report", "merge"));
            reports.forEach(r -> args.add(r.toString()));
            args.addAll(List.of("--output", "json:" + merged));
            assertEquals(0, merge.run(args.toArray(String[]::new)), merge.diagnostics());

            JsonNode whole = ScaletestProcess.json(merged);
            assertEquals(2 * WORKSPACES, whole.get("total_runs").asInt());
            assertEquals(2 * WORKSPACES, whole.get("total_pass").asInt());
            assertEquals(WORKSPACES, numbers(whole, "workspacebuild/").size(), "200 create runs");
            assertEquals(WORKSPACES, whole.at("/traffic/streams").asInt(), "200 streams");
            assertEquals(WORKSPACES * 300L * 1024, whole.at("/traffic/target_bytes").asLong(), "200 streams of 300 ticks of 1024 bytes");
            assertEquals(WORKSPACES, numbers(whole, "workspace-traffic/").size());

            Histogram combined = new Histogram(3);
            combined.setAutoResize(true);
            echoes.forEach(combined::add);
            assertEquals(combined.getTotalCount(), whole.at("/operations/traffic.echo_rtt/count").asLong());
            assertEquals(combined.getValueAtPercentile(99) / 1000.0, whole.at("/operations/traffic.echo_rtt/p99_ms").asDouble(),
                    "the merged p99 is the p99 of every shard's samples");

            JsonNode stats = simulator.stats();
            assertEquals(0, stats.path("scaletest_users").asInt(), "nothing left: " + stats);
            assertEquals(0, stats.path("workspaces_alive").asInt(), "nothing left: " + stats);
        }
    }

    /** The run numbers of {@code prefix} runs in {@code report}. */
    private static Set<String> numbers(JsonNode report, String prefix) {
        Set<String> numbers = new TreeSet<>();
        report.get("runs").fieldNames().forEachRemaining(id -> {
            if (id.startsWith(prefix)) {
                numbers.add(id.substring(prefix.length()));
            }
        });
        return numbers;
    }

    /** A shard's raw echo round trips, decoded from its report (HdrHistogram, microseconds). */
    private static Histogram histogram(JsonNode shard) throws Exception {
        byte[] bytes = Base64.getDecoder().decode(shard.at("/operations/traffic.echo_rtt/histogram").asText());
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
    }
}
