package dev.scaletest.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.coder.ScriptedCoder.RecordingSleeper;
import dev.scaletest.coder.ScriptedCoder.Reply;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.coder.wire.RetryPolicy;
import dev.scaletest.coder.wire.ThrottleListener;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** coderd's rate limiter (429 with Retry-After: 60) is waited out; the bypass header's 428 is not. */
class CoderClientThrottleTest {
    private static final String USER_JSON = "{\"id\":\"" + UUID.randomUUID() + "\",\"username\":\"admin\",\"email\":\"a@x.io\"}";
    private static final Reply LIMITED = Reply.json(429,
            "{\"message\":\"You've been rate limited for sending more than 60 requests in 1m0s.\"}").withHeader("Retry-After", "60");

    private ScriptedCoder coder;
    private RecordingSleeper sleeper;
    private final Heard heard = new Heard();
    private CoderClient owner;

    /** What the throttle listener was told, in order. */
    static final class Heard implements ThrottleListener {
        final List<String> responses = new CopyOnWriteArrayList<>();
        final List<String> waits = new CopyOnWriteArrayList<>();
        final List<Duration> pauses = new CopyOnWriteArrayList<>();

        @Override
        public void throttled(String route) {
            responses.add(route);
        }

        @Override
        public void waited(String route, Duration pause) {
            waits.add(route);
            pauses.add(pause);
        }
    }

    @BeforeEach
    void start() throws Exception {
        coder = new ScriptedCoder();
        sleeper = new RecordingSleeper();
        owner = CoderClient.builder(coder.endpoint(List.of()), ScriptedCoder.httpClient())
                .bypassRateLimit(true).sleeper(sleeper).throttleListener(heard).build();
    }

    @AfterEach
    void stop() {
        coder.close();
    }

    @Test
    void a429IsRetriedAfterItsFullRetryAfterPlusASmallSpread() throws Exception {
        UUID build = UUID.randomUUID();
        coder.on("GET", "/api/v2/workspacebuilds/" + build, LIMITED,
                Reply.json(200, "{\"id\":\"" + build + "\",\"job\":{\"status\":\"running\"}}"));
        CoderClient user = owner.asUser("user-token-1");
        assertEquals(build, user.build(build).id());
        assertEquals(2, coder.requests().size());
        assertEquals(1, sleeper.pauses.size());
        Duration pause = sleeper.pauses.getFirst();
        assertTrue(pause.compareTo(Duration.ofSeconds(60)) >= 0 && pause.compareTo(Duration.ofSeconds(66)) <= 0, pause.toString());
        assertEquals(List.of("GET /workspacebuilds/{workspacebuild}"), heard.responses);
        assertEquals(List.of(pause), heard.pauses);
    }

    @Test
    void aRateLimitedLoginIsRetriedUntilItSucceeds() throws Exception {
        coder.on("POST", "/api/v2/users/login", LIMITED, LIMITED, Reply.json(201, "{\"session_token\":\"fresh-token\"}"));
        assertEquals("fresh-token", owner.login("u@scaletest.local", "pw").sessionToken());
        assertEquals(3, coder.requests("POST", "/api/v2/users/login").size());
        assertEquals(2, sleeper.pauses.size());
        assertEquals(List.of("POST /users/login", "POST /users/login"), heard.responses);
        assertEquals(List.of("POST /users/login", "POST /users/login"), heard.waits);
    }

    @Test
    void a429WithoutRetryAfterBacksOff() throws Exception {
        coder.on("GET", "/api/v2/users/me", Reply.json(429, "{\"message\":\"slow down\"}"), Reply.json(200, USER_JSON));
        owner.me();
        assertEquals(1, sleeper.pauses.size());
        assertTrue(sleeper.pauses.getFirst().compareTo(Duration.ofMillis(250)) <= 0, sleeper.pauses.toString());
    }

    @Test
    void throttlingDoesNotUseUpTheAttemptsForFailures() throws Exception {
        Reply unavailable = Reply.json(503, "{\"message\":\"unavailable\"}");
        coder.on("GET", "/api/v2/users/me", unavailable, LIMITED, unavailable, LIMITED, unavailable, Reply.json(200, USER_JSON));
        assertEquals("admin", owner.me().username());
        assertEquals(6, coder.requests().size());
        assertEquals(2, heard.responses.size());
    }

    @Test
    void aCallGivesUpOnceItsThrottleBudgetIsSpent() {
        coder.on("POST", "/api/v2/users/login", LIMITED);
        CoderApiException e = assertThrows(CoderApiException.class, () -> owner.login("u@scaletest.local", "pw"));
        assertEquals(429, e.status());
        Duration waited = sleeper.pauses.stream().reduce(Duration.ZERO, Duration::plus);
        assertTrue(waited.compareTo(RetryPolicy.DEFAULT_THROTTLE_BUDGET) <= 0, waited.toString());
        assertTrue(sleeper.pauses.size() >= 4, sleeper.pauses.toString());
        assertEquals(sleeper.pauses.size() + 1, coder.requests().size());
        assertEquals(coder.requests().size(), heard.responses.size());
        assertEquals(sleeper.pauses, heard.pauses);
        assertTrue(e.getMessage().startsWith("POST " + coder.url() + "/api/v2/users/login: unexpected status code 429: "
                + "You've been rate limited for sending more than 60 requests in 1m0s."), e.getMessage());
        assertTrue(e.detail().startsWith("gave up after waiting 4m"), e.detail());
        assertTrue(e.detail().endsWith("on rate limits for this call (at most 5m0s per call)"), e.detail());
    }

    @Test
    void aRetryAfterBeyondTheBudgetFailsAtOnce() {
        coder.on("GET", "/api/v2/users/me", Reply.json(429, "{\"message\":\"slow down\"}").withHeader("Retry-After", "3600"));
        CoderApiException e = assertThrows(CoderApiException.class, owner::me);
        assertEquals(429, e.status());
        assertTrue(sleeper.pauses.isEmpty());
        assertEquals(List.of("GET /users/{user}"), heard.responses);
        assertTrue(e.detail().contains("waiting would exceed this call's limit of 5m0s on rate limits"), e.detail());
    }

    @Test
    void withoutAThrottleBudgetA429FailsAtOnce() {
        CoderClient once = CoderClient.builder(coder.endpoint(List.of()), ScriptedCoder.httpClient())
                .retry(RetryPolicy.NONE).sleeper(sleeper).throttleListener(heard).build();
        coder.on("GET", "/api/v2/users/me", LIMITED, Reply.json(200, USER_JSON));
        assertEquals(429, assertThrows(CoderApiException.class, once::me).status());
        assertEquals(1, coder.requests().size());
        assertEquals(1, heard.responses.size());
    }

    @Test
    void aPauseCutShortByTheRunsDeadlineReportsTheTimeWaited() {
        CoderClient interrupted = CoderClient.builder(coder.endpoint(List.of()), ScriptedCoder.httpClient())
                .sleeper(delay -> {
                    throw new InterruptedException("deadline");
                }).throttleListener(heard).build();
        coder.on("GET", "/api/v2/users/me", LIMITED);
        assertThrows(InterruptedException.class, interrupted::me);
        assertEquals(1, heard.pauses.size());
        assertTrue(heard.pauses.getFirst().compareTo(Duration.ofSeconds(1)) < 0, heard.pauses.toString());
    }

    @Test
    void a428ToTheBypassHeaderFailsAtOnceAndSaysWhy() {
        coder.on("GET", "/api/v2/users/me", new Reply(428, "text/plain; charset=utf-8",
                "\"X-Coder-Bypass-Ratelimit\" provided but user is not owner\n", java.util.Map.of()));
        CoderApiException e = assertThrows(CoderApiException.class, owner::me);
        assertEquals(428, e.status());
        assertEquals(1, coder.requests().size());
        assertTrue(sleeper.pauses.isEmpty());
        assertEquals("GET " + coder.url() + "/api/v2/users/me: unexpected status code 428: coderd refused the "
                + "X-Coder-Bypass-Ratelimit header because this client's user is not a site owner; scaletest sends it only "
                + "on the owner's own calls, so this is a bug in scaletest (or the token lost its owner role)\n"
                + "\tError: \"X-Coder-Bypass-Ratelimit\" provided but user is not owner", e.getMessage());
    }
}
