package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.coder.CoderHttpClients;
import dev.scaletest.coder.TlsTrust;
import dev.scaletest.coder.model.CreateTokenRequest;
import dev.scaletest.coder.model.CreateUserRequest;
import dev.scaletest.coder.model.CreateWorkspaceRequest;
import dev.scaletest.coder.model.Template;
import dev.scaletest.coder.model.User;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.coder.model.WorkspaceAgent;
import dev.scaletest.coder.model.WorkspaceBuild;
import dev.scaletest.journal.JournalEntry;
import dev.scaletest.journal.JournalEvent;
import dev.scaletest.journal.JournalReader;
import dev.scaletest.journal.ResourceKind;
import dev.scaletest.journal.RunJournal;
import dev.scaletest.simulator.AccessRules;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.simulator.ratelimit.RateLimits;
import dev.scaletest.simulator.ssh.SshOptions;
import dev.scaletest.simulator.terminal.TerminalOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workspace-traffic --as-workspace-owners} against a simulator that enforces what coderd
 * enforces on a site owner: its path-app rule (coderd's default), {@code --disable-owner-workspace-access},
 * and a rate limiter, so a minted token's bypass header would be answered 428. The workspaces
 * belong to generated {@code scaletest-} users. Without the flag an app run is refused in one line
 * before anything starts; with it terminal, app and SSH traffic go as each owner, every byte arrives,
 * no user-side request carries the bypass header and no token is left behind.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkspaceTrafficAsOwnersE2ETest {
    private static final int OWNERS = 3;
    private static final int SECONDS = 3;
    private static final long BYTES_PER_SECOND = 40_960;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path shared;

    static Simulator simulator;
    static CoderHttpClients http;
    static CoderClient admin;
    static Set<String> owners = new TreeSet<>();

    @TempDir
    Path home;

    @BeforeAll
    static void startSimulatorWithWorkspacesOfOtherUsers() throws Exception {
        simulator = Simulator.start(Faults.none(), options -> options.withAccessRules(AccessRules.open()
                        .withOwnerWorkspaceAccessDisabled(true)
                        .withRateLimits(RateLimits.perMinute(100_000, 0))),
                TerminalOptions.defaults(), SshOptions.defaults());
        http = CoderHttpClients.create(TlsTrust.VERIFY);
        admin = http.clientFor(new CoderEndpoint(simulator.url(), simulator.adminToken(), List.of(), false)).bypassRateLimit(true).build();
        User me = admin.me();
        Template template = admin.templates(me.organizationIds().getFirst()).getFirst();
        List<Workspace> created = new ArrayList<>();
        for (int i = 0; i < OWNERS; i++) {
            String username = "scaletest-owner-" + i;
            User user = admin.createUser(CreateUserRequest.passwordUser(username + "@scaletest.local", username, "Pa55word-x",
                    me.organizationIds().getFirst()));
            created.add(admin.createWorkspace(template.organizationId(), user.id(),
                    CreateWorkspaceRequest.forTemplate(template.id(), "scaletest-ws-" + i, List.of())));
            owners.add(username);
        }
        for (Workspace w : created) {
            awaitAgents(w);
        }
    }

    private static void awaitAgents(Workspace workspace) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Workspace w = workspace;
        while (true) {
            WorkspaceBuild build = w.latestBuild();
            if (build != null && !build.jobActive() && !build.agents().isEmpty()
                    && build.agents().stream().allMatch(WorkspaceAgent::connected)) {
                return;
            }
            assertTrue(System.nanoTime() < until, "workspace " + w.name() + " not ready");
            Thread.sleep(50);
            w = admin.workspace(w.id());
        }
    }

    @AfterAll
    static void stop() {
        if (http != null) {
            http.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private record Outcome(int exit, ScaletestProcess process, Path report, Path journal) {
        JsonNode json() throws Exception {
            return ScaletestProcess.json(report);
        }
    }

    private Outcome traffic(String... extra) {
        Path report = home.resolve("traffic.json");
        Path journal = home.resolve("journal");
        List<String> args = new ArrayList<>(List.of("workspace-traffic", "--url", simulator.url().toString(),
                "--token", simulator.adminToken(), "--timeout", SECONDS + "s", "--progress", "none",
                "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s",
                "--journal-dir", journal.toString(), "--output", "json:" + report));
        args.addAll(List.of(extra));
        ScaletestProcess process = new ScaletestProcess(home);
        return new Outcome(process.run(args.toArray(String[]::new)), process, report, journal);
    }

    private static JsonNode simStats() throws Exception {
        HttpResponse<String> stats = HTTP.send(HttpRequest.newBuilder(simulator.url().resolve("/sim/stats")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(stats.body());
    }

    /** Every API token on the deployment, expired ones too, as "owner/name". */
    private static List<String> tokensLeft() throws Exception {
        HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(
                        simulator.url().resolve("/api/v2/users/me/keys/tokens?include_all=true&include_expired=true"))
                .header("Coder-Session-Token", simulator.adminToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, list.statusCode(), list.body());
        List<String> tokens = new ArrayList<>();
        JSON.readTree(list.body()).forEach(k -> tokens.add(k.get("username").asText() + "/" + k.get("token_name").asText()));
        return tokens;
    }

    private static void assertEveryByteDelivered(JsonNode json) {
        long expected = OWNERS * BYTES_PER_SECOND * SECONDS;
        JsonNode traffic = json.path("traffic");
        assertEquals(OWNERS, traffic.path("streams").asInt(), traffic.toString());
        assertTrue(Math.abs(traffic.path("bytes_written").asLong() - expected) <= expected / 100, traffic.toString());
        assertTrue(Math.abs(traffic.path("bytes_read").asLong() - expected) <= expected / 100, traffic.toString());
        assertTrue(traffic.path("delivery_ratio").asDouble() >= 0.99, traffic.toString());
    }

    /** The journal recorded one token per owner, before and after minting, and its deletion. */
    private static void assertTokensJournaledAndDeleted(Path journal) throws Exception {
        List<JournalEntry> keys = JournalReader.read(journal).entries().stream().filter(e -> e.kind() == ResourceKind.API_KEY).toList();
        for (JournalEvent event : JournalEvent.values()) {
            Set<String> seen = new TreeSet<>();
            keys.stream().filter(e -> e.event() == event).forEach(e -> seen.add(e.owner()));
            assertEquals(owners, seen, event + " entries: " + keys);
        }
        assertTrue(keys.stream().allMatch(e -> e.name().startsWith("scaletest-") && (e.id() == null || e.id().length() == 10)), keys.toString());
        assertTrue(JournalReader.leftovers(journal).isEmpty(), JournalReader.leftovers(journal).toString());
    }

    @Test
    void withoutTheFlagAnAppRunIsRefusedInOneLineBeforeAnythingStarts() throws Exception {
        long sockets = simStats().path("websockets_open").asLong();
        long refused = simStats().path("path_app_owner_refused").asLong();
        Outcome run = traffic("--app", "echo");
        assertEquals(2, run.exit(), run.process().diagnostics());
        List<String> lines = run.process().err().lines().filter(l -> l.startsWith("scaletest: ")).toList();
        assertEquals(1, lines.size(), run.process().err());
        assertTrue(lines.getFirst().startsWith("scaletest: --app echo is a path app and coderd refuses a site owner on other users'"
                + " path apps; pass --as-workspace-owners (traffic as each owner, with a short-lived token), or run coderd with"
                + " --dangerous-allow-path-app-site-owner-access"), lines.getFirst());
        assertFalse(run.process().err().contains("Exception"), run.process().err());
        assertEquals(refused, simStats().path("path_app_owner_refused").asLong(), "no app request was sent");
        assertEquals(sockets, simStats().path("websockets_open").asLong());
        assertEquals(List.of(), tokensLeft());
    }

    @Test
    void withoutTheFlagTheTerminalSkipsOthersWorkspacesAndSaysWhichFlagWouldDriveThem() {
        Outcome run = traffic();
        // As Coder's tool: every workspace belongs to someone else, so nothing is left to drive.
        assertEquals(2, run.exit(), run.process().diagnostics());
        assertTrue(run.process().err().contains("scaletest: skipped " + OWNERS + " workspaces of other users: the deployment disables"
                + " owner exec (use --use-host-login, or --as-workspace-owners to drive them as their owners)"), run.process().err());
        assertTrue(run.process().err().contains("scaletest: no scaletest workspaces exist"), run.process().err());
    }

    @Test
    void asOwnersTerminalTrafficDeliversEveryByteWithoutBypassHeadersOrLeftoverTokens() throws Exception {
        JsonNode before = simStats();
        Outcome run = traffic("--as-workspace-owners");
        assertEquals(0, run.exit(), run.process().diagnostics());
        assertEveryByteDelivered(run.json());
        JsonNode after = simStats();
        assertEquals(0, after.path("non_owner_bypass_headers").asLong(), after.toString());
        assertEquals(0, after.path("bypass_refused").asLong(), after.toString());
        assertEquals(before.path("owner_access_refused").asLong(), after.path("owner_access_refused").asLong(), after.toString());
        assertTrue(run.process().err().contains("Minted " + OWNERS + " API tokens"), run.process().err());
        assertEquals(List.of(), tokensLeft());
        assertTokensJournaledAndDeleted(run.journal());
    }

    @Test
    void asOwnersAppTrafficDeliversEveryByteWithoutBypassHeadersOrLeftoverTokens() throws Exception {
        JsonNode before = simStats();
        Outcome run = traffic("--as-workspace-owners", "--app", "echo");
        assertEquals(0, run.exit(), run.process().diagnostics());
        assertEveryByteDelivered(run.json());
        JsonNode after = simStats();
        assertEquals(0, after.path("non_owner_bypass_headers").asLong(), after.toString());
        assertEquals(before.path("path_app_owner_refused").asLong(), after.path("path_app_owner_refused").asLong(), after.toString());
        assertEquals(before.path("owner_access_refused").asLong(), after.path("owner_access_refused").asLong(), after.toString());
        assertEquals(List.of(), tokensLeft());
        assertTokensJournaledAndDeleted(run.journal());
    }

    @Test
    void asOwnersSshLogsInWithEachOwnersToken() throws Exception {
        JsonNode before = simStats();
        Outcome run = traffic("--as-workspace-owners", "--ssh", "--ssh-address",
                simulator.sshAddress().getHostString() + ":" + simulator.sshAddress().getPort(), "--ssh-insecure-accept-any-host-key",
                "--ssh-password-from-token");
        assertEquals(0, run.exit(), run.process().diagnostics());
        assertEveryByteDelivered(run.json());
        assertEquals(0, simStats().path("non_owner_bypass_headers").asLong());
        assertEquals(before.path("owner_access_refused").asLong(), simStats().path("owner_access_refused").asLong());
        assertEquals(List.of(), tokensLeft());
    }

    @Test
    void cleanupFromTheJournalDeletesTokensARunLeftBehind() throws Exception {
        Path journalDir = home.resolve("killed-run");
        String owner = owners.iterator().next();
        String name = "scaletest-e2e-leftover";
        String keyId;
        try (RunJournal journal = RunJournal.open(journalDir)) {
            // What a run killed during traffic leaves: the token minted and journaled, never deleted.
            journal.apiKeyIntent("workspace-traffic", name, owner);
            keyId = admin.createToken(owner, CreateTokenRequest.of(Duration.ofMinutes(10), name)).keyId();
            journal.apiKeyCreated("workspace-traffic", name, owner, keyId);
        }
        assertEquals(List.of(owner + "/" + name), tokensLeft());
        ScaletestProcess cleanup = new ScaletestProcess(home);
        int exit = cleanup.run("cleanup", "--url", simulator.url().toString(), "--token", simulator.adminToken(),
                "--journal", journalDir.toString(), "--progress", "none");
        assertEquals(0, exit, cleanup.diagnostics());
        assertTrue(cleanup.err().contains("Found 0 workspaces, 0 users and 1 API tokens left over in"), cleanup.err());
        assertEquals(List.of(), tokensLeft());
        assertTrue(JournalReader.leftovers(journalDir).isEmpty());
    }
}
