package dev.scaletest.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.coder.ScriptedCoder.RecordingSleeper;
import dev.scaletest.coder.ScriptedCoder.Reply;
import dev.scaletest.coder.model.CreateUserRequest;
import dev.scaletest.coder.model.CreateWorkspaceBuildRequest;
import dev.scaletest.coder.model.CreateWorkspaceRequest;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.coder.model.WorkspaceBuild;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.coder.wire.RetryPolicy;
import dev.scaletest.coder.wire.ThrottleListener;
import dev.scaletest.errors.ErrorClass;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoderClientRetryTest {
    private static final String USER_JSON = "{\"id\":\"" + UUID.randomUUID() + "\",\"username\":\"admin\",\"email\":\"a@x.io\"}";

    private ScriptedCoder coder;
    private RecordingSleeper sleeper;
    private CoderClient client;

    @BeforeEach
    void start() throws Exception {
        coder = new ScriptedCoder();
        sleeper = new RecordingSleeper();
        client = CoderClient.builder(coder.endpoint(List.of()), ScriptedCoder.httpClient())
                .retry(RetryPolicy.DEFAULT).sleeper(sleeper).build();
    }

    @AfterEach
    void stop() {
        coder.close();
    }

    @Test
    void getIsRetriedOn503ThenSucceeds() throws Exception {
        coder.on("GET", "/api/v2/users/me",
                Reply.json(503, "{\"message\":\"unavailable\"}"), Reply.json(502, "{\"message\":\"bad gateway\"}"), Reply.json(200, USER_JSON));
        assertEquals("admin", client.me().username());
        assertEquals(3, coder.requests("GET", "/api/v2/users/me").size());
        assertEquals(2, sleeper.pauses.size());
        // equal jitter: attempt 1 waits 125..250 ms, attempt 2 waits 250..500 ms
        assertBetween(sleeper.pauses.get(0), 125, 250);
        assertBetween(sleeper.pauses.get(1), 250, 500);
    }

    @Test
    void retryAfterSecondsIsHonoured() throws Exception {
        coder.on("GET", "/api/v2/users/me",
                Reply.json(503, "{\"message\":\"later\"}").withHeader("Retry-After", "3"), Reply.json(200, USER_JSON));
        client.me();
        assertEquals(List.of(Duration.ofSeconds(3)), sleeper.pauses);
    }

    @Test
    void retryAfterHttpDateIsHonoured() throws Exception {
        String in5s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(6));
        coder.on("GET", "/api/v2/users/me",
                Reply.json(503, "{\"message\":\"later\"}").withHeader("Retry-After", in5s), Reply.json(200, USER_JSON));
        client.me();
        assertEquals(1, sleeper.pauses.size());
        assertBetween(sleeper.pauses.getFirst(), 3_000, 6_000);
    }

    @Test
    void retryAfterOfAFailureIsCappedAtMaxDelay() throws Exception {
        coder.on("GET", "/api/v2/users/me",
                Reply.json(503, "{\"message\":\"later\"}").withHeader("Retry-After", "3600"), Reply.json(200, USER_JSON));
        client.me();
        assertEquals(List.of(Duration.ofSeconds(10)), sleeper.pauses);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastError() {
        coder.on("GET", "/api/v2/users/me", Reply.json(503, "{\"message\":\"still down\"}"));
        CoderApiException e = assertThrows(CoderApiException.class, client::me);
        assertEquals(503, e.status());
        assertEquals(4, coder.requests("GET", "/api/v2/users/me").size());
        assertEquals(3, sleeper.pauses.size());
    }

    @Test
    void aUserCreateWhoseAnswerIsLostIsLookedUpAndSentAgainOnlyWhenAbsent() throws Exception {
        coder.on("POST", "/api/v2/users", Reply.json(503, "{\"message\":\"unavailable\"}"), Reply.json(201, USER_JSON));
        coder.on("GET", "/api/v2/users/scaletest-a", Reply.json(404, "{\"message\":\"Resource not found or you do not have access to this resource\"}"));
        client.createUser(CreateUserRequest.passwordUser("a@scaletest.local", "scaletest-a", "pw", UUID.randomUUID()));
        assertEquals(List.of("POST /api/v2/users", "GET /api/v2/users/scaletest-a", "POST /api/v2/users"),
                coder.requests().stream().map(r -> r.method() + " " + r.path()).toList());
        assertEquals(1, sleeper.pauses.size());
    }

    @Test
    void aUserCreatedDespiteA500IsFoundByNameAndNotCreatedAgain() throws Exception {
        Tally tally = new Tally();
        CoderClient counted = CoderClient.builder(coder.endpoint(List.of()), ScriptedCoder.httpClient())
                .sleeper(sleeper).throttleListener(tally).build();
        coder.on("POST", "/api/v2/users", Reply.json(500, "{\"message\":\"Internal error.\"}"));
        coder.on("GET", "/api/v2/users/scaletest-a", Reply.json(200, USER_JSON));
        assertEquals("admin", counted.createUser(
                CreateUserRequest.passwordUser("a@scaletest.local", "scaletest-a", "pw", UUID.randomUUID())).username());
        assertEquals(1, coder.requests("POST", "/api/v2/users").size());
        assertEquals(List.of("found POST /users"), tally.events);
        assertTrue(sleeper.pauses.isEmpty());
    }

    @Test
    void aConflictAfterALostAnswerMeansTheFirstAttemptCreatedIt() throws Exception {
        coder.on("POST", "/api/v2/users", Reply.json(502, "{\"message\":\"bad gateway\"}"),
                Reply.json(409, "{\"message\":\"User already exists.\"}"));
        coder.on("GET", "/api/v2/users/scaletest-a", Reply.json(404, "{\"message\":\"not found\"}"), Reply.json(200, USER_JSON));
        assertEquals("admin", client.createUser(
                CreateUserRequest.passwordUser("a@scaletest.local", "scaletest-a", "pw", UUID.randomUUID())).username());
        assertEquals(2, coder.requests("POST", "/api/v2/users").size());
    }

    @Test
    void aConflictWithoutALostAnswerIsTheCallersError() {
        coder.on("POST", "/api/v2/users", Reply.json(409, "{\"message\":\"User already exists.\"}"));
        CoderApiException e = assertThrows(CoderApiException.class,
                () -> client.createUser(CreateUserRequest.passwordUser("a@scaletest.local", "scaletest-a", "pw", UUID.randomUUID())));
        assertEquals(409, e.status());
        assertEquals(1, coder.requests().size());
    }

    @Test
    void aWorkspaceCreatedDespiteA500IsFoundByOwnerAndWholeName() throws Exception {
        UUID org = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        String path = "/api/v2/organizations/" + org + "/members/" + owner + "/workspaces";
        coder.on("POST", path, Reply.json(500, "{\"message\":\"Internal error.\"}"));
        // coderd's name: search matches parts of names; only the whole name of this owner counts.
        coder.on("GET", "/api/v2/workspaces", Reply.json(200, "{\"workspaces\":["
                + "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"scaletest-w-10\",\"owner_id\":\"" + owner + "\"},"
                + "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"scaletest-w-1\",\"owner_id\":\"" + UUID.randomUUID() + "\"},"
                + "{\"id\":\"" + id + "\",\"name\":\"scaletest-w-1\",\"owner_id\":\"" + owner + "\"}],\"count\":3}"));
        Workspace found = client.createWorkspace(org, owner, CreateWorkspaceRequest.forTemplate(UUID.randomUUID(), "scaletest-w-1", List.of()));
        assertEquals(id, found.id());
        assertEquals(1, coder.requests("POST", path).size());
        assertEquals("limit=100&q=name%3A%22scaletest-w-1%22", coder.requests("GET", "/api/v2/workspaces").getFirst().rawQuery());
    }

    @Test
    void aBuildStartedDespiteA500IsTheWorkspacesNextBuildOfThatTransition() throws Exception {
        UUID ws = UUID.randomUUID();
        UUID ours = UUID.randomUUID();
        coder.on("POST", "/api/v2/workspaces/" + ws + "/builds", Reply.json(500, "{\"message\":\"Internal error.\"}"));
        coder.on("GET", "/api/v2/workspaces/" + ws, Reply.json(200, "{\"id\":\"" + ws + "\",\"latest_build\":{\"id\":\"" + ours
                + "\",\"build_number\":3,\"transition\":\"delete\"}}"));
        WorkspaceBuild previous = new WorkspaceBuild(UUID.randomUUID(), ws, "w", null, null, null, 2, "start", null, null, null, null,
                List.of(), null, null);
        assertEquals(ours, client.createBuild(ws, CreateWorkspaceBuildRequest.delete(), previous).id());
        assertEquals(1, coder.requests("POST", "/api/v2/workspaces/" + ws + "/builds").size());
    }

    @Test
    void aBuildWhoseAnswerIsLostIsSentAgainWhenTheLatestIsStillThePrevious() throws Exception {
        UUID ws = UUID.randomUUID();
        String previousJson = "{\"id\":\"" + UUID.randomUUID() + "\",\"build_number\":2,\"transition\":\"start\"}";
        coder.on("POST", "/api/v2/workspaces/" + ws + "/builds", Reply.json(503, "{\"message\":\"unavailable\"}"),
                Reply.json(201, "{\"id\":\"" + UUID.randomUUID() + "\",\"build_number\":3,\"transition\":\"delete\"}"));
        coder.on("GET", "/api/v2/workspaces/" + ws, Reply.json(200, "{\"id\":\"" + ws + "\",\"latest_build\":" + previousJson + "}"));
        WorkspaceBuild previous = new WorkspaceBuild(UUID.randomUUID(), ws, "w", null, null, null, 2, "start", null, null, null, null,
                List.of(), null, null);
        assertEquals(3, client.createBuild(ws, CreateWorkspaceBuildRequest.delete(), previous).buildNumber());
        assertEquals(2, coder.requests("POST", "/api/v2/workspaces/" + ws + "/builds").size());
    }

    @Test
    void aCreateGivesUpAfterThePolicysAttempts() {
        coder.on("POST", "/api/v2/users", Reply.json(503, "{\"message\":\"unavailable\"}"));
        coder.on("GET", "/api/v2/users/scaletest-a", Reply.json(404, "{\"message\":\"not found\"}"));
        CoderApiException e = assertThrows(CoderApiException.class,
                () -> client.createUser(CreateUserRequest.passwordUser("a@scaletest.local", "scaletest-a", "pw", UUID.randomUUID())));
        assertEquals(503, e.status());
        assertEquals(RetryPolicy.DEFAULT.maxAttempts(), coder.requests("POST", "/api/v2/users").size());
    }

    /** What the listener heard of retries and creates found existing. */
    private static final class Tally implements ThrottleListener {
        final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void throttled(String route) {}

        @Override
        public void waited(String route, Duration pause) {}

        @Override
        public void retried(String route) {
            events.add("retried " + route);
        }

        @Override
        public void foundExisting(String route) {
            events.add("found " + route);
        }
    }

    @Test
    void postIsRetriedOn429() throws Exception {
        coder.on("POST", "/api/v2/users",
                Reply.json(429, "{\"message\":\"rate limited\"}").withHeader("Retry-After", "1"), Reply.json(201, USER_JSON));
        client.createUser(CreateUserRequest.passwordUser("a@scaletest.local", "scaletest-a", "pw", UUID.randomUUID()));
        assertEquals(2, coder.requests("POST", "/api/v2/users").size());
        assertEquals(1, sleeper.pauses.size());
        assertBetween(sleeper.pauses.getFirst(), 1_000, 1_100);
    }

    @Test
    void patchIsNotRetriedOn502() {
        UUID build = UUID.randomUUID();
        coder.on("PATCH", "/api/v2/workspacebuilds/" + build + "/cancel", Reply.json(502, "{\"message\":\"bad gateway\"}"));
        assertThrows(CoderApiException.class, () -> client.cancelBuild(build));
        assertEquals(1, coder.requests().size());
    }

    @Test
    void notFoundIsNotRetried() {
        coder.on("GET", "/api/v2/users/me", Reply.json(404, "{\"message\":\"nope\"}"));
        assertThrows(CoderApiException.class, client::me);
        assertEquals(1, coder.requests().size());
    }

    @Test
    void connectFailuresOfGetAreRetriedButNotOfPost() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CoderClient dead = CoderClient.builder(
                        new CoderEndpoint(URI.create("http://127.0.0.1:" + port), ScriptedCoder.TOKEN, List.of(), false),
                        ScriptedCoder.httpClient())
                .sleeper(sleeper).build();
        CoderApiException e = assertThrows(CoderApiException.class, dead::me);
        assertEquals(ErrorClass.CONNECT, e.errorClass());
        assertEquals(3, sleeper.pauses.size());
        sleeper.pauses.clear();
        // A login is sent again (a second one is harmless); a create first looks up what a lost answer may have made.
        assertThrows(CoderApiException.class, () -> dead.login("a@b.c", "pw"));
        assertEquals(3, sleeper.pauses.size());
    }

    @Test
    void backoffGrowsAndIsCapped() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(250), Duration.ofSeconds(10), Set.of(503), Duration.ZERO);
        assertEquals(Duration.ofMillis(250), p.delay(1, null, 1.0));
        assertEquals(Duration.ofMillis(125), p.delay(1, null, 0));
        assertEquals(Duration.ofMillis(1000), p.delay(3, null, 1.0));
        assertEquals(Duration.ofSeconds(10), p.delay(9, null, 1.0));
        assertEquals(Duration.ofSeconds(5), p.delay(9, null, 0));
        assertEquals(Duration.ZERO, p.delay(1, Duration.ofSeconds(-3), 0.5));
    }

    @Test
    void policyRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Set.of(), Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, Set.of(429), Duration.ofMinutes(1)));
    }

    private static void assertBetween(Duration d, long minMillis, long maxMillis) {
        assertTrue(d.toMillis() >= minMillis && d.toMillis() <= maxMillis, d + " not within [" + minMillis + ", " + maxMillis + "] ms");
    }
}
