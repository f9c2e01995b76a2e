package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code workspace-traffic} over web terminals and over SSH at once, against a standalone simulator
 * that cuts 1% of WebSockets and SSH sessions per second and freezes everything for 10 s: the
 * streams reconnect and the report counts it, the corrected echo round trip and the delivery per
 * interval show the stall, and every stream has its run in the report.
 *
 * <p>The stall's clock starts with the simulator, so the set-up must not share the machine with the
 * suites that run concurrently: the class holds the machine to itself, late in the order.
 */
@Order(Integer.MAX_VALUE - 1)
@ResourceLock(value = SharedMachine.CPU, mode = ResourceAccessMode.READ_WRITE)
class WorkspaceTrafficUnderFaultsE2ETest {
    private static final int WORKSPACES = 25;
    /** The stall clock starts with the simulator: room for its start and the workspaces, then 10 s frozen. */
    private static final int STALL_AT_SECONDS = 28;
    private static final String TRAFFIC_SECONDS = "32s";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void streamsReconnectTheStallShowsAndNoStreamIsLostUnreported() throws Exception {
        long started = System.nanoTime();
        try (StandaloneSimulator simulator = StandaloneSimulator.start(dir.resolve("simulator.log"), "--provisioners", "25",
                "--fault-ws-drop-rate", "0.01", "--fault-ssh-drop-rate", "0.01",
                "--fault-stall-at", STALL_AT_SECONDS + "s", "--fault-stall-for", "10s")) {
            Process create = start(simulator, "create", "create-workspaces", "--template", "kubernetes", "--count",
                    String.valueOf(WORKSPACES), "--concurrency", "0", "--no-cleanup", "--progress", "none",
                    "--journal-dir", dir.resolve("journal-create").toString());
            assertTrue(create.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, create.exitValue(), Files.readString(dir.resolve("create-stderr.txt")));
            long ready = (System.nanoTime() - started) / 1_000_000_000;
            assertTrue(ready < STALL_AT_SECONDS - 5, "workspaces ready only after " + ready + " s, too close to the stall");

            String relay = "exec bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + simulator.sshPort() + "; cat <&3 & exec cat >&3' {workspace}";
            Process web = start(simulator, "web", traffic("web"));
            List<String> ssh = new ArrayList<>(List.of(traffic("ssh")));
            ssh.addAll(List.of("--ssh", "--ssh-proxy-command", relay, "--ssh-password-from-token"));
            Process sshTraffic = start(simulator, "ssh", ssh.toArray(String[]::new));
            assertTrue(web.waitFor(90, TimeUnit.SECONDS) & sshTraffic.waitFor(90, TimeUnit.SECONDS), "traffic still running");
            long dropped = simulator.stats().get("streams_dropped").asLong();

            long reconnects = 0;
            StringBuilder summary = new StringBuilder("simulator cut " + dropped + " streams;");
            for (String kind : List.of("web", "ssh")) {
                String err = Files.readString(dir.resolve(kind + "-stderr.txt"));
                JsonNode report = ScaletestProcess.json(dir.resolve(kind + ".json"));
                JsonNode traffic = report.get("traffic");
                // No stream lost unreported: every workspace has its run, failed ones with a counted error.
                assertEquals(WORKSPACES, report.get("total_runs").asInt(), kind + ": " + err);
                assertEquals(WORKSPACES, report.get("runs").size(), kind);
                assertEquals(WORKSPACES, traffic.get("streams").asInt(), kind + ": " + traffic);
                int failed = report.get("total_fail").asInt();
                int tallied = 0;
                for (JsonNode e : report.get("errors")) {
                    tallied += e.get("count").asInt();
                }
                assertTrue(tallied >= failed, kind + ": every failed run is in the error table: " + report.get("errors"));
                assertEquals(failed == 0 ? 0 : 1, (kind.equals("web") ? web : sshTraffic).exitValue(), kind + ": " + err);
                reconnects += traffic.get("reconnects").asLong();

                // The stall shows: the corrected round trip carries it, and some interval delivered (almost) nothing.
                JsonNode operations = report.get("operations");
                double corrected = operations.at("/traffic.echo_rtt/p99_ms").asDouble();
                double uncorrected = operations.at("/traffic.echo_rtt.uncorrected/p99_ms").asDouble();
                assertTrue(corrected >= 5000, kind + ": corrected echo p99 " + corrected + " ms should carry the 10 s stall");
                assertTrue(corrected > 3 * uncorrected, kind + ": corrected p99 " + corrected + " vs uncorrected " + uncorrected);
                List<Double> delivered = new ArrayList<>();
                report.at("/timeseries/points").forEach(p -> delivered.add(p.at("/rates/traffic.bytes_read").asDouble()));
                double peak = delivered.stream().mapToDouble(Double::doubleValue).max().orElse(0);
                double trough = delivered.subList(1, delivered.size() - 1).stream().mapToDouble(Double::doubleValue).min().orElse(peak);
                assertTrue(trough < peak / 10, kind + ": bytes read per second " + delivered + " should drop during the stall");
                summary.append(' ').append(kind).append(": ").append(WORKSPACES).append(" streams, ").append(failed)
                        .append(" failed, reconnects ").append(traffic.get("reconnects")).append(", delivery ")
                        .append(traffic.get("delivery_ratio")).append(", echo p99 corrected ").append(corrected)
                        .append(" ms / uncorrected ").append(uncorrected).append(" ms;");
            }
            System.out.println(summary);
            assertTrue(reconnects >= 1, summary.toString());
            assertTrue(reconnects <= dropped, "no reconnect without a cut: " + summary);
        }
    }

    private String[] traffic(String kind) {
        return new String[] {"workspace-traffic", "--timeout", TRAFFIC_SECONDS, "--concurrency", "0", "--progress", "none",
                "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s",
                "--journal-dir", dir.resolve("journal-" + kind).toString(), "--output", "json:" + dir.resolve(kind + ".json")};
    }

    private Process start(StandaloneSimulator simulator, String label, String... args) throws Exception {
        ProcessBuilder command = PackagedJar.command(args).redirectOutput(dir.resolve(label + "-stdout.txt").toFile())
                .redirectError(dir.resolve(label + "-stderr.txt").toFile());
        command.environment().put("CODER_URL", simulator.url());
        command.environment().put("CODER_SESSION_TOKEN", simulator.adminToken());
        return command.start();
    }
}
