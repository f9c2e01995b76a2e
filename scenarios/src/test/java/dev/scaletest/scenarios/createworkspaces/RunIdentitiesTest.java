package dev.scaletest.scenarios.createworkspaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.coder.TemplateResolver;
import dev.scaletest.coder.model.CreateWorkspaceRequest;
import dev.scaletest.coder.model.Template;
import dev.scaletest.coder.model.User;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.coder.wire.CoderHeaders;
import dev.scaletest.harness.NameGenerator;
import dev.scaletest.harness.RunContext;
import dev.scaletest.harness.RunLog;
import dev.scaletest.journal.RunJournal;
import dev.scaletest.metrics.OperationMetrics;
import dev.scaletest.scenarios.BuildWaiter;
import dev.scaletest.scenarios.RecordingHttpClient;
import dev.scaletest.scenarios.RecordingHttpClient.Sent;
import dev.scaletest.scenarios.RecordingWsClient;
import dev.scaletest.scenarios.RichParameters;
import dev.scaletest.scenarios.StrategyConfig;
import dev.scaletest.scenarios.cleanup.WorkspaceDeletion;
import dev.scaletest.simulator.Distribution;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.simulator.ssh.SshOptions;
import dev.scaletest.simulator.terminal.TerminalOptions;
import dev.scaletest.web.BuildLogFollower;
import dev.scaletest.web.NettyWsClient;
import dev.scaletest.web.PtyCommandReader;
import dev.scaletest.web.WsRequest;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who each request of a create-workspaces run goes out as, seen on the wire: the owner's calls
 * carry the rate-limit bypass, the generated user's never do (coderd answers a non-owner's bypass
 * with 428), and both carry the {@code --header} headers. Also: cleanup follows the delete build
 * instead of polling it.
 */
@Timeout(60)
class RunIdentitiesTest {
    private static final String BYPASS = CoderHeaders.BYPASS_RATELIMIT;
    private static final String TOKEN = CoderHeaders.SESSION_TOKEN;
    /** Long enough that polling every 250 ms, as cleanup once did, would look at the build about eight times. */
    private static final Duration BUILD_TIME = Duration.ofSeconds(2);

    @TempDir
    Path tmp;

    private Simulator simulator;
    private RecordingHttpClient http;
    private RecordingWsClient ws;
    private CoderClient runner;
    private User me;
    private Template template;
    private OperationMetrics metrics;
    private BuildWaiter builds;
    private WorkspaceDeletion deletion;

    @BeforeEach
    void start() throws Exception {
        simulator = Simulator.start(Faults.none(),
                o -> o.withProvisioners(4).withBuildTime(Distribution.fixed(BUILD_TIME))
                        .withAgentConnectTime(Distribution.fixed(Duration.ZERO)),
                TerminalOptions.defaults(), SshOptions.defaults());
        CoderEndpoint endpoint = new CoderEndpoint(simulator.url(), simulator.adminToken(),
                List.of(new CoderEndpoint.Header("X-Proxy-Auth", "proxy-secret")), false);
        http = new RecordingHttpClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        ws = new RecordingWsClient(new NettyWsClient());
        runner = CoderClient.builder(endpoint, http).bypassRateLimit(true).build();
        me = runner.me();
        template = new TemplateResolver(runner).resolve(simulator.templateName(), me);
        metrics = new OperationMetrics();
        BuildLogFollower logs = new BuildLogFollower(ws, Duration.ofSeconds(10));
        builds = BuildWaiter.metered(logs, metrics);
        deletion = new WorkspaceDeletion(BuildWaiter.unmetered(logs));
        http.clear();
    }

    @AfterEach
    void stop() {
        ws.close();
        simulator.close();
    }

    private WorkspaceBuildRun run(boolean useHostLogin, RunJournal journal) {
        CommandCheck uptime = new CommandCheck("uptime", Duration.ofSeconds(20), false, "uptime: simulated", false);
        CreateWorkspacesConfig config = new CreateWorkspacesConfig(1, 0, template.name(), false, false, Optional.of(uptime), "",
                useHostLogin, RichParameters.NONE, StrategyConfig.run(1, Duration.ofMinutes(1), Duration.ZERO, OptionalDouble.empty(),
                        Duration.ZERO), StrategyConfig.defaultCleanup());
        CommandRun command = new CommandRun(new PtyCommandReader(ws, Duration.ofSeconds(10)), uptime, metrics);
        return new WorkspaceBuildRun(config, runner, me, template, List.of(), new NameGenerator(), journal, metrics,
                Optional.of(command), builds, deletion);
    }

    @Test
    void theGeneratedUserActsWithItsOwnTokenAndNeverTheBypass() throws Exception {
        try (RunJournal journal = RunJournal.open(tmp.resolve("journal"))) {
            WorkspaceBuildRun run = run(false, journal);
            RunContext context = new RunContext("workspacebuild", "0", new RunLog(), Optional.empty());
            run.run(context);
            run.cleanup(context);
        }
        List<Sent> sent = http.sent();
        List<Sent> owner = sent.stream().filter(s -> simulator.adminToken().equals(s.header(TOKEN))).toList();
        assertEquals(List.of("POST /api/v2/users", "DELETE /api/v2/users/"),
                owner.stream().map(s -> s.toString().replaceAll("/[0-9a-f-]{36}$", "/")).toList());
        owner.forEach(s -> assertEquals("true", s.header(BYPASS), s.toString()));

        Sent login = sent.stream().filter(s -> s.path().equals("/api/v2/users/login")).findFirst().orElseThrow();
        assertNull(login.header(TOKEN));
        assertNull(login.header(BYPASS));

        List<Sent> user = sent.stream().filter(s -> s.header(TOKEN) != null && !owner.contains(s)).toList();
        String userToken = user.getFirst().header(TOKEN);
        assertNotEquals(simulator.adminToken(), userToken);
        for (Sent s : user) {
            assertEquals(userToken, s.header(TOKEN), s.toString());
            assertNull(s.header(BYPASS), s.toString());
        }
        List<String> userRoutes = user.stream().map(s -> s.method() + " " + s.path().replaceAll("[0-9a-f-]{36}", "{id}")).toList();
        assertTrue(userRoutes.contains("POST /api/v2/organizations/{id}/members/{id}/workspaces"), userRoutes.toString());
        assertTrue(userRoutes.contains("GET /api/v2/workspacebuilds/{id}"), userRoutes.toString());
        assertTrue(userRoutes.contains("POST /api/v2/workspaces/{id}/builds"), userRoutes.toString());
        assertEquals(sent.size(), owner.size() + 1 + user.size(), "every request is the owner's, the login or the user's");
        sent.forEach(s -> assertEquals("proxy-secret", s.header("X-Proxy-Auth"), s.toString()));

        List<WsRequest> streams = ws.requests();
        assertTrue(streams.stream().anyMatch(r -> r.uri().getPath().endsWith("/logs")), streams.toString());
        assertTrue(streams.stream().anyMatch(r -> r.uri().getPath().endsWith("/pty")), streams.toString());
        for (WsRequest r : streams) {
            assertEquals("coder_session_token=" + userToken, header(r, "Cookie"), r.target());
            assertEquals("proxy-secret", header(r, "X-Proxy-Auth"), r.target());
            assertNull(header(r, BYPASS), r.target());
        }
        assertEquals(0, simulator.api().deployment().counts().workspacesAlive());
    }

    @Test
    void withHostLoginTheCallerIsTheUser() throws Exception {
        try (RunJournal journal = RunJournal.open(tmp.resolve("journal"))) {
            WorkspaceBuildRun run = run(true, journal);
            RunContext context = new RunContext("workspacebuild", "0", new RunLog(), Optional.empty());
            run.run(context);
            run.cleanup(context);
        }
        for (Sent s : http.sent()) {
            assertEquals(simulator.adminToken(), s.header(TOKEN), s.toString());
        }
        ws.requests().forEach(r -> assertEquals("coder_session_token=" + simulator.adminToken(), header(r, "Cookie")));
        assertEquals(0, simulator.api().deployment().counts().workspacesAlive());
    }

    @Test
    void cleanupFollowsTheDeleteBuildInsteadOfPollingIt() throws Exception {
        Workspace created = runner.createWorkspace(template.organizationId(), me.id(),
                CreateWorkspaceRequest.forTemplate(template.id(), "scaletest-follow-0", List.of()));
        builds.await(runner, created.latestBuild(), new RunLog());
        http.clear();

        RunLog log = new RunLog();
        assertTrue(deletion.delete(runner, created.id(), log));

        List<Sent> sent = http.sent();
        Sent post = sent.stream().filter(s -> s.method().equals("POST")).findFirst().orElseThrow();
        assertEquals("/api/v2/workspaces/" + created.id() + "/builds", post.path());
        long buildLookups = sent.stream().filter(s -> s.method().equals("GET") && s.path().startsWith("/api/v2/workspacebuilds/")).count();
        assertTrue(buildLookups <= 3, buildLookups + " build lookups for one delete build of " + BUILD_TIME + ": " + sent);
        assertEquals(2, ws.requests().stream().filter(r -> r.uri().getPath().endsWith("/logs")).count(),
                "one log stream for the start build, one for the delete build");
        assertTrue(log.text().contains("Destroying workspace"), log.text());
        assertEquals(0, simulator.api().deployment().counts().workspacesAlive());
    }

    private static String header(WsRequest request, String name) {
        return request.headers().stream().filter(h -> h.name().equalsIgnoreCase(name)).map(CoderEndpoint.Header::value)
                .findFirst().orElse(null);
    }
}
