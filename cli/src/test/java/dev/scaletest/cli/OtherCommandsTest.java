package dev.scaletest.cli;

import dev.scaletest.cli.embedded.DurationRange;
import dev.scaletest.cli.embedded.SimulatorRun;
import dev.scaletest.cli.embedded.SimulatorSettings;
import dev.scaletest.net.HostPort;
import dev.scaletest.reports.output.OutputTarget;
import dev.scaletest.scenarios.cleanup.CleanupConfig;
import dev.scaletest.simulator.AccessRules;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.ratelimit.RateLimitKey;
import dev.scaletest.simulator.ratelimit.RateLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OtherCommandsTest {

    @Test
    void cleanupFlags(@TempDir Path journal) {
        CliRun run = new CliRun().run("cleanup", "--template", "docker", "--cleanup-concurrency", "8",
                "--cleanup-timeout", "1h", "--cleanup-job-timeout", "2m", "--journal", journal.toString());
        assertEquals(0, run.exit, run.err);
        CleanupConfig config = run.config(CleanupConfig.class);
        assertEquals(Optional.of("docker"), config.template());
        assertEquals(8, config.cleanupStrategy().concurrency());
        assertEquals(Duration.ofHours(1), config.cleanupStrategy().timeout());
        assertEquals(Duration.ofMinutes(2), config.cleanupStrategy().jobTimeout());
        assertEquals(Optional.of(journal), config.journal());
        assertEquals(List.of(), run.launcher.common.outputs());
    }

    @Test
    void cleanupTemplateComesFromItsOwnVariable() {
        CliRun run = new CliRun().env("CODER_SCALETEST_TEMPLATE", "wrong").env("CODER_SCALETEST_CLEANUP_TEMPLATE", "right").run("cleanup");
        assertEquals(Optional.of("right"), run.config(CleanupConfig.class).template());
    }

    @Test
    void cleanupJournalMustExist() {
        CliRun run = new CliRun().run("cleanup", "--journal", "/nonexistent/run");
        assertEquals(2, run.exit);
        assertTrue(run.err.startsWith("scaletest: --journal /nonexistent/run: no such directory"), run.err);
    }

    @Test
    void simulatorDefaults() {
        CliRun run = new CliRun().run("simulator");
        assertEquals(0, run.exit, run.err);
        SimulatorSettings settings = run.config(SimulatorSettings.class);
        assertEquals(new HostPort("127.0.0.1", 3000), settings.listen());
        assertEquals(3, settings.provisioners());
        assertEquals(new DurationRange(Duration.ofMillis(200), Duration.ofMillis(400)), settings.buildTime());
        assertEquals(Faults.none(), settings.faults());
        assertEquals(Optional.empty(), settings.sshListen());
        assertEquals(AccessRules.open(), settings.accessRules());
    }

    @Test
    void simulatorRuleFlags() {
        CliRun run = new CliRun().run("simulator", "--api-rate-limit", "512", "--login-rate-limit", "60",
                "--rate-limit-key", "ip", "--disable-owner-workspace-access");
        assertEquals(0, run.exit, run.err);
        assertEquals(new AccessRules(new RateLimits(512, 60, Duration.ofMinutes(1), RateLimitKey.IP), true),
                run.config(SimulatorSettings.class).accessRules());
        CliRun user = new CliRun().run("simulator", "--api-rate-limit", "512", "--login-rate-limit", "60", "--rate-limit-key", "USER");
        assertEquals(new AccessRules(RateLimits.perMinute(512, 60), false), user.config(SimulatorSettings.class).accessRules());
        CliRun pathApps = new CliRun().run("simulator", "--dangerous-allow-path-app-site-owner-access");
        assertEquals(AccessRules.open().withPathAppSiteOwnerAccessAllowed(true), pathApps.config(SimulatorSettings.class).accessRules());
    }

    @Test
    void simulatorRateLimitsOffByZeroNegativeOrTheDangerousFlag() {
        CliRun negative = new CliRun().run("simulator", "--api-rate-limit", "-1", "--login-rate-limit", "0");
        assertEquals(RateLimits.off(), negative.config(SimulatorSettings.class).accessRules().rateLimits());
        CliRun dangerous = new CliRun().run("simulator", "--api-rate-limit", "512", "--login-rate-limit", "60",
                "--dangerous-disable-rate-limits");
        assertEquals(RateLimits.off(), dangerous.config(SimulatorSettings.class).accessRules().rateLimits());
    }

    @Test
    void simulatorRulesFromCodersEnvironmentVariables() {
        CliRun run = new CliRun().env("CODER_API_RATE_LIMIT", "100").env("CODER_DISABLE_OWNER_WORKSPACE_ACCESS", "true")
                .run("simulator");
        assertEquals(new AccessRules(RateLimits.perMinute(100, 0), true), run.config(SimulatorSettings.class).accessRules());
        CliRun off = new CliRun().env("CODER_API_RATE_LIMIT", "100").env("CODER_DANGEROUS_DISABLE_RATE_LIMITS", "true")
                .run("simulator");
        assertEquals(RateLimits.off(), off.config(SimulatorSettings.class).accessRules().rateLimits());
        CliRun pathApps = new CliRun().env("CODER_DANGEROUS_ALLOW_PATH_APP_SITE_OWNER_ACCESS", "true").run("simulator");
        assertTrue(pathApps.config(SimulatorSettings.class).accessRules().pathAppSiteOwnerAccessAllowed());
    }

    @Test
    void simulatorHelpExplainsTheRuleFlags() {
        CliRun run = new CliRun().run("simulator", "--help");
        assertEquals(0, run.exit, run.err);
        String help = run.out.replaceAll("\\s+", " ");
        for (String expected : new String[] {"--api-rate-limit", "--login-rate-limit", "--rate-limit-key",
                "--dangerous-disable-rate-limits", "--disable-owner-workspace-access", "default is 512", "enforces 60",
                "Coder's own scale-test deployments", "CODER_DISABLE_OWNER_WORKSPACE_ACCESS", "CODER_API_RATE_LIMIT",
                "--dangerous-allow-path-app-site-owner-access", "CODER_DANGEROUS_ALLOW_PATH_APP_SITE_OWNER_ACCESS",
                "dangerous.allow_path_app_site_owner_access"}) {
            assertTrue(help.contains(expected), expected + " missing from:\n" + run.out);
        }
    }

    @Test
    void simulatorBannerStatesTheRules() {
        assertEquals("api rate limit off, login rate limit off, keyed by user, owner workspace access allowed,"
                + " owners on others' path apps refused", SimulatorRun.describe(AccessRules.open()));
        assertEquals("api rate limit 512/min, login rate limit 60/min, keyed by ip, owner workspace access disabled,"
                + " owners on others' path apps allowed",
                SimulatorRun.describe(new AccessRules(RateLimits.perMinute(512, 60).keyedBy(RateLimitKey.IP), true, true)));
    }

    @Test
    void simulatorRejectsBadRuleValuesInOneLine() {
        CliRun key = new CliRun().run("simulator", "--rate-limit-key", "token");
        assertEquals(2, key.exit);
        assertTrue(key.err.startsWith("scaletest: --rate-limit-key must be user or ip, got \"token\""), key.err);
        assertEquals(1, key.err.lines().count(), key.err);
        CliRun limit = new CliRun().run("simulator", "--api-rate-limit", "lots");
        assertEquals(2, limit.exit);
        assertTrue(limit.err.startsWith("scaletest: ") && limit.err.contains("--api-rate-limit"), limit.err);
        assertEquals(1, limit.err.lines().count(), limit.err);
        assertEquals(null, limit.launcher.config, "nothing was started");
    }

    @Test
    void simulatorFlags() {
        CliRun run = new CliRun().run("simulator", "--listen", "0.0.0.0:8080", "--provisioners", "10", "--build-time", "1s",
                "--agent-connect-time", "50ms..2s", "--fault-latency", "POST /users=200ms", "--fault-latency", "GET /api/v2/workspaces=1s",
                "--fault-5xx-rate", "0.01", "--fault-429-rate", "0.02", "--fault-retry-after", "3s", "--fault-build-failure-rate", "0.1",
                "--fault-agents-never-connect", "--fault-ws-drop-rate", "0.001", "--fault-ssh-drop-rate", "0.002",
                "--fault-stall-at", "1m", "--fault-stall-for", "10s", "--app-host", "*.apps.local", "--ssh-listen", "[::1]:2222");
        assertEquals(0, run.exit, run.err);
        SimulatorSettings settings = run.config(SimulatorSettings.class);
        assertEquals(new HostPort("0.0.0.0", 8080), settings.listen());
        assertEquals(10, settings.provisioners());
        assertEquals(DurationRange.fixed(Duration.ofSeconds(1)), settings.buildTime());
        assertEquals(new DurationRange(Duration.ofMillis(50), Duration.ofSeconds(2)), settings.agentConnectTime());
        assertEquals(new Faults(Map.of("POST /users", Duration.ofMillis(200), "GET /api/v2/workspaces", Duration.ofSeconds(1)),
                0.01, 0.02, Duration.ofSeconds(3), 0.1, true, 0.001, 0.002, Duration.ofMinutes(1), Duration.ofSeconds(10)), settings.faults());
        assertEquals("*.apps.local", settings.appHost());
        assertEquals(Optional.of(new HostPort("::1", 2222)), settings.sshListen());
    }

    @Test
    void simulatorRejectsBadFaults() {
        CliRun rate = new CliRun().run("simulator", "--fault-5xx-rate", "1.5");
        assertEquals(2, rate.exit);
        assertTrue(rate.err.startsWith("scaletest: --fault-5xx-rate must be between 0 and 1"), rate.err);
        CliRun latency = new CliRun().run("simulator", "--fault-latency", "users=200ms");
        assertEquals(2, latency.exit);
        assertTrue(latency.err.startsWith("scaletest: --fault-latency expects 'METHOD /path=DURATION'"), latency.err);
        CliRun latencyValue = new CliRun().run("simulator", "--fault-latency", "POST /users=soon");
        assertEquals(2, latencyValue.exit);
        assertTrue(latencyValue.err.startsWith("scaletest: --fault-latency: time: invalid duration \"soon\""), latencyValue.err);
        CliRun range = new CliRun().run("simulator", "--build-time", "400ms..200ms");
        assertEquals(2, range.exit);
        assertTrue(range.err.contains("the upper bound is below the lower bound"), range.err);
        CliRun listen = new CliRun().run("simulator", "--listen", "3000");
        assertEquals(2, listen.exit);
        assertTrue(listen.err.startsWith("scaletest: --listen must be host:port"), listen.err);
    }

    @Test
    void reportRenderDefaultsToHtmlBesideTheInput(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("run.json"), "{}");
        CliRun run = new CliRun().run("report", "render", input.toString());
        assertEquals(0, run.exit, run.err);
        assertEquals(new ReportRenderConfig(input, new OutputTarget(OutputTarget.Format.HTML, Optional.of(dir.resolve("run.html")))),
                run.launcher.config);
        CliRun explicit = new CliRun().run("report", "render", input.toString(), "--output", "html:/tmp/r.html");
        assertEquals(Optional.of(Path.of("/tmp/r.html")), explicit.config(ReportRenderConfig.class).output().path());
    }

    @Test
    void reportRenderWritesOnlyHtml(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("run.json"), "{}");
        CliRun run = new CliRun().run("report", "render", input.toString(), "--output", "json:x.json");
        assertEquals(2, run.exit);
        assertTrue(run.err.startsWith("scaletest: report render writes HTML: use --output html:PATH"), run.err);
        CliRun missing = new CliRun().run("report", "render", dir.resolve("none.json").toString());
        assertEquals(2, missing.exit);
        assertTrue(missing.err.contains("no such results file"), missing.err);
    }

    @Test
    void reportMerge(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.json"), "{}");
        Path b = Files.writeString(dir.resolve("b.json"), "{}");
        CliRun run = new CliRun().run("report", "merge", a.toString(), b.toString(), "--output", "json:all.json", "--output", "html:all.html");
        assertEquals(0, run.exit, run.err);
        ReportMergeConfig config = run.config(ReportMergeConfig.class);
        assertEquals(List.of(a, b), config.inputs());
        assertEquals(List.of(new OutputTarget(OutputTarget.Format.JSON, Optional.of(Path.of("all.json"))),
                new OutputTarget(OutputTarget.Format.HTML, Optional.of(Path.of("all.html")))), config.outputs());
        CliRun defaults = new CliRun().run("report", "merge", a.toString());
        assertEquals(List.of(OutputTarget.stdout(OutputTarget.Format.JSON)), defaults.config(ReportMergeConfig.class).outputs());
    }

    @Test
    void reportMergeNeedsInputs() {
        CliRun run = new CliRun().run("report", "merge");
        assertEquals(2, run.exit);
        assertEquals(1, run.errLines().size(), run.err);
    }
}
