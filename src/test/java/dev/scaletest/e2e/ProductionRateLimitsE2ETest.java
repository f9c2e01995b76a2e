package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.Order;

/**
 * The tool against standalone simulators that enforce coderd's production rate limits: 512 API
 * requests a minute per user (or, as releases before coder/coder#22049, per client IP) and
 * endpoint, and 60 logins a minute per IP. A hundred users log in, so about forty logins wait out
 * a 429's {@code Retry-After: 60} at least once: each test takes a minute or two, so the three run
 * side by side. The class runs last, long after the suites that run concurrently have ended (a
 * resource lock would make its own tests run one after another).
 *
 * <p>Each shows that the tool copes: every run passes, no user-side request carries the rate-limit
 * bypass header (the simulator counts them, and answers them 428), the report says how long runs
 * waited on throttling, one line tells the operator about coderd's settings, and nothing is left.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@Order(Integer.MAX_VALUE)
class ProductionRateLimitsE2ETest {
    private static final int WORKSPACES = 100;
    private static final String[] PRODUCTION_LIMITS = {"--api-rate-limit", "512", "--login-rate-limit", "60"};
    private static final String[] QUICK_BUILDS = {"--provisioners", "16", "--build-time", "20ms..60ms",
            "--agent-connect-time", "20ms..60ms"};
    private static final String THROTTLING_NOTICE = "waiting on coderd's rate limits (HTTP 429)";

    @TempDir
    Path home;

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void createWithRunCommandThenCleanupOnADeploymentWithoutOwnerWorkspaceAccess() throws Exception {
        try (StandaloneSimulator simulator = start("--disable-owner-workspace-access")) {
            // --run-command opens the web terminal of a workspace the owner may not reach: only the user's own client gets in.
            Path report = home.resolve("create.json");
            Finished create = scaletest(simulator, "create-workspaces", "--template", "kubernetes",
                    "--count", String.valueOf(WORKSPACES), "--concurrency", "0", "--run-command", "echo hi", "--run-expect-output", "hi",
                    "--run-log-output", "--no-cleanup", "--output", "json:" + report);
            assertEquals(0, create.exit(), create.diagnostics());
            JsonNode json = ScaletestProcess.json(report);
            assertEquals(WORKSPACES, json.path("total_pass").asInt(), create.diagnostics());
            assertTrue(json.path("runs").path("workspacebuild/0").path("logs").asText().contains("\thi\n"),
                    json.path("runs").path("workspacebuild/0").path("logs").asText());
            assertThrottledLogins(json, create);

            JsonNode stats = simulator.stats();
            assertNoBypassFromUsers(stats);
            assertTrue(stats.path("rate_limited_login").asLong() > 0, stats.toString());
            assertEquals(WORKSPACES, stats.path("workspaces_alive").asInt(), stats.toString());

            Finished cleanup = scaletest(simulator, "cleanup", "--cleanup-concurrency", "0");
            assertEquals(0, cleanup.exit(), cleanup.diagnostics());
            assertNothingLeft(simulator);
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void trafficInEveryModeOnAUserKeyedDeployment() throws Exception {
        createTrafficAndCleanup("user");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void trafficInEveryModeOnAnIpKeyedDeploymentOfReleasesBefore22049() throws Exception {
        createTrafficAndCleanup("ip");
    }

    /**
     * Workspaces of generated users, then traffic through them as the site owner: web terminal, SSH
     * through {@code coder ssh --stdio {owner}/{workspace}}'s stand-in, and the app (a path app, which
     * coderd keeps from a site owner, so it goes as each owner with a minted token).
     */
    private void createTrafficAndCleanup(String keying) throws Exception {
        try (StandaloneSimulator simulator = start("--rate-limit-key", keying)) {
            Path created = home.resolve("create.json");
            Finished create = scaletest(simulator, "create-workspaces", "--template", "kubernetes",
                    "--count", String.valueOf(WORKSPACES), "--concurrency", "0", "--no-cleanup", "--output", "json:" + created);
            assertEquals(0, create.exit(), create.diagnostics());
            assertEquals(WORKSPACES, ScaletestProcess.json(created).path("total_pass").asInt(), create.diagnostics());
            assertThrottledLogins(ScaletestProcess.json(created), create);

            Path proxyLog = home.resolve("proxy-arguments.log");
            traffic(simulator, "terminal");
            traffic(simulator, "ssh", "--ssh", "--ssh-password-from-token", "--ssh-proxy-command", relay(simulator, proxyLog));
            traffic(simulator, "app", "--app", "echo", "--as-workspace-owners");
            List<String> proxied = Files.readAllLines(proxyLog);
            assertEquals(WORKSPACES, proxied.size(), proxied.toString());
            assertTrue(proxied.stream().allMatch(line -> line.matches("scaletest-\\w+-\\d+/scaletest-\\w+-\\d+")), proxied.toString());

            assertNoBypassFromUsers(simulator.stats());
            Finished cleanup = scaletest(simulator, "cleanup", "--cleanup-concurrency", "0");
            assertEquals(0, cleanup.exit(), cleanup.diagnostics());
            assertNothingLeft(simulator);
        }
    }

    /** Two seconds of traffic through every workspace; every stream passes and delivers what it sent. */
    private void traffic(StandaloneSimulator simulator, String mode, String... flags) throws Exception {
        Path report = home.resolve("traffic-" + mode + ".json");
        List<String> args = new ArrayList<>(List.of("workspace-traffic", "--timeout", "2s", "--concurrency", "0",
                "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s", "--output", "json:" + report));
        args.addAll(List.of(flags));
        Finished run = scaletest(simulator, args.toArray(String[]::new));
        assertEquals(0, run.exit(), mode + ": " + run.diagnostics());
        JsonNode json = ScaletestProcess.json(report);
        assertEquals(WORKSPACES, json.path("total_pass").asInt(), mode + ": " + run.diagnostics());
        JsonNode volume = json.path("traffic");
        assertEquals(WORKSPACES, volume.path("streams").asInt(), mode + ": " + volume);
        assertTrue(volume.path("delivery_ratio").asDouble() >= 0.99, mode + ": " + volume);
    }

    /** Relays the proxy command's stdio to the simulator's SSH port, after writing its argument to {@code log}. */
    private static String relay(StandaloneSimulator simulator, Path log) {
        return "echo {owner}/{workspace} >> " + log + "; exec bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + simulator.sshPort()
                + "; cat <&3 & exec cat >&3'";
    }

    private StandaloneSimulator start(String... flags) throws Exception {
        List<String> all = new ArrayList<>(List.of(PRODUCTION_LIMITS));
        all.addAll(List.of(QUICK_BUILDS));
        all.addAll(List.of(flags));
        return StandaloneSimulator.start(home.resolve("simulator.log"), all.toArray(String[]::new));
    }

    /** A command that ran to its end: its exit code and what it printed. */
    private record Finished(int exit, ScaletestProcess process) {
        String err() {
            return process.err();
        }

        String diagnostics() {
            return process.diagnostics();
        }
    }

    private Finished scaletest(StandaloneSimulator simulator, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", simulator.url(), "--token", simulator.adminToken(), "--progress", "none",
                "--journal-dir", home.resolve("journal").toString()));
        ScaletestProcess process = new ScaletestProcess(home);
        return new Finished(process.run(all.toArray(String[]::new)), process);
    }

    /** The 429s logins met are in the report, and one line told the operator what they mean. */
    private static void assertThrottledLogins(JsonNode report, Finished run) {
        JsonNode throttling = report.path("throttling");
        assertTrue(throttling.path("responses").asLong() > 0, throttling.toString());
        assertTrue(throttling.path("routes").path("POST /users/login").path("wait_ms").asLong() >= 50_000, throttling.toString());
        assertTrue(report.path("operations").path("api.throttle_wait").path("count").asLong() > 0, report.path("operations").toString());
        assertTrue(run.err().contains(THROTTLING_NOTICE), run.err());
    }

    private static void assertNoBypassFromUsers(JsonNode stats) {
        assertEquals(0, stats.path("non_owner_bypass_headers").asLong(), stats.toString());
        assertEquals(0, stats.path("bypass_refused").asLong(), stats.toString());
    }

    private static void assertNothingLeft(StandaloneSimulator simulator) throws Exception {
        JsonNode stats = simulator.stats();
        assertEquals(0, stats.path("scaletest_users").asInt(), stats.toString());
        assertEquals(0, stats.path("workspaces_alive").asInt(), stats.toString());
    }
}
