package dev.scaletest.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.coder.ScriptedCoder.Reply;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.coder.wire.RetryPolicy;
import dev.scaletest.errors.ErrorClass;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoderClientErrorsTest {
    private ScriptedCoder coder;
    private CoderClient client;
    private String me;

    @BeforeEach
    void start() throws Exception {
        coder = new ScriptedCoder();
        client = CoderClient.builder(coder.endpoint(List.of()), ScriptedCoder.httpClient()).retry(RetryPolicy.NONE).build();
        me = coder.url() + "/api/v2/users/me";
    }

    @AfterEach
    void stop() {
        coder.close();
    }

    private CoderApiException meFails() {
        return assertThrows(CoderApiException.class, () -> client.me());
    }

    @Test
    void messageOnly() {
        coder.on("GET", "/api/v2/users/me", Reply.json(400, "{\"message\":\"Bad thing.\"}"));
        CoderApiException e = meFails();
        assertEquals("GET " + me + ": unexpected status code 400: Bad thing.", e.getMessage());
        assertEquals(400, e.status());
        assertEquals(ErrorClass.HTTP_STATUS, e.errorClass());
        assertEquals("Bad thing.", e.apiMessage());
    }

    @Test
    void detailAndValidationsEachOnTheirOwnLine() {
        coder.on("POST", "/api/v2/users", Reply.json(400,
                "{\"message\":\"Validation failed.\",\"detail\":\"see fields\",\"validations\":[{\"field\":\"email\",\"detail\":\"invalid\"},"
                        + "{\"field\":\"username\",\"detail\":\"taken\"}]}"));
        CoderApiException e = assertThrows(CoderApiException.class,
                () -> client.createUser(dev.scaletest.coder.model.CreateUserRequest.passwordUser("a@b.c", "u", "p", UUID.randomUUID())));
        assertEquals("POST " + coder.url() + "/api/v2/users: unexpected status code 400: Validation failed.\n\tError: see fields"
                + "\n\temail: invalid\n\tusername: taken", e.getMessage());
        assertEquals(2, e.validations().size());
        assertEquals("POST " + coder.url() + "/api/v2/users: unexpected status code 400: Validation failed.", e.firstLine());
    }

    @Test
    void unauthorizedAddsLoginHelpAndIsAuth() {
        coder.on("GET", "/api/v2/users/me", Reply.json(401, "{\"message\":\"You are signed out or your session has expired.\",\"detail\":\"expired\"}"));
        CoderApiException e = meFails();
        assertEquals("GET " + me + ": unexpected status code 401: You are signed out or your session has expired.: "
                + "Try logging in using 'coder login'.\n\tError: expired", e.getMessage());
        assertEquals(ErrorClass.AUTH, e.errorClass());
    }

    @Test
    void forbiddenIsAuthWithoutLoginHelp() {
        coder.on("GET", "/api/v2/users/me", Reply.json(403, "{\"message\":\"Forbidden.\"}"));
        CoderApiException e = meFails();
        assertEquals("GET " + me + ": unexpected status code 403: Forbidden.", e.getMessage());
        assertEquals(ErrorClass.AUTH, e.errorClass());
    }

    @Test
    void nonJsonBodyBecomesDetail() {
        coder.on("GET", "/api/v2/users/me", new Reply(502, "text/html; charset=utf-8", "<html>bad gateway</html>", java.util.Map.of()));
        CoderApiException e = meFails();
        assertEquals("GET " + me + ": unexpected status code 502: unexpected non-JSON response \"text/html; charset=utf-8\""
                + "\n\tError: <html>bad gateway</html>", e.getMessage());
    }

    @Test
    void nonJsonBodyIsCutAfterTwoKibibytes() {
        String body = "x".repeat(2048) + "TAIL";
        coder.on("GET", "/api/v2/users/me", new Reply(500, "text/plain", body, java.util.Map.of()));
        CoderApiException e = meFails();
        assertEquals("GET " + me + ": unexpected status code 500: unexpected non-JSON response \"text/plain\"\n\tError: "
                + "x".repeat(2048) + "...", e.getMessage());
    }

    @Test
    void nonJsonEmptyBodySaysSo() {
        coder.on("GET", "/api/v2/users/me", new Reply(500, null, "", java.util.Map.of()));
        CoderApiException e = meFails();
        assertEquals("GET " + me + ": unexpected status code 500: unexpected non-JSON response \"\"\n\tError: no response body", e.getMessage());
    }

    @Test
    void emptyJsonBodyIsRenderedWithoutMethodAndUrlAsCoderDoes() {
        coder.on("GET", "/api/v2/users/me", Reply.json(500, ""));
        CoderApiException e = meFails();
        assertEquals("unexpected status code 500: empty response body", e.getMessage());
        assertEquals(500, e.status());
    }

    @Test
    void jsonWithoutMessage() {
        coder.on("GET", "/api/v2/users/me", Reply.json(500, "{\"foo\":1}"));
        CoderApiException e = meFails();
        assertEquals("GET " + me + ": unexpected status code 500: unexpected status code 500, response has no message\n\tError: {\"foo\":1}",
                e.getMessage());
    }

    @Test
    void goneWorkspaceIsRecognisable() throws Exception {
        UUID id = UUID.randomUUID();
        coder.on("GET", "/api/v2/workspaces/" + id, Reply.json(410, "{\"message\":\"Workspace was deleted.\"}"));
        CoderApiException e = assertThrows(CoderApiException.class, () -> client.workspace(id));
        assertTrue(e.gone());
        assertEquals(410, e.status());
        coder.on("GET", "/api/v2/users/me", Reply.json(500, "{\"message\":\"x\"}"));
        assertFalse(meFails().gone());
    }

    @Test
    void unexpectedSuccessStatusIsAnError() {
        UUID ws = UUID.randomUUID();
        coder.on("POST", "/api/v2/workspaces/" + ws + "/builds", Reply.json(200, "{\"id\":\"" + UUID.randomUUID() + "\"}"));
        CoderApiException e = assertThrows(CoderApiException.class,
                () -> client.createBuild(ws, dev.scaletest.coder.model.CreateWorkspaceBuildRequest.delete()));
        assertEquals(200, e.status());
    }

    @Test
    void connectionRefusedIsOneLineNamingMethodAndUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI dead = URI.create("http://127.0.0.1:" + port);
        CoderClient c = CoderClient.builder(new CoderEndpoint(dead, ScriptedCoder.TOKEN, List.of(), false), ScriptedCoder.httpClient())
                .retry(RetryPolicy.NONE).build();
        CoderApiException e = assertThrows(CoderApiException.class, c::me);
        assertEquals("GET " + dead + "/api/v2/users/me: connection refused", e.getMessage());
        assertEquals(ErrorClass.CONNECT, e.errorClass());
        assertEquals(0, e.status());
    }

    @Test
    void slowServerTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        coder.onEach("GET", "/api/v2/users/me", s -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.json(200, "{}");
        });
        CoderClient c = CoderClient.builder(coder.endpoint(List.of()), ScriptedCoder.httpClient())
                .retry(RetryPolicy.NONE).requestTimeout(Duration.ofMillis(300)).build();
        try {
            CoderApiException e = assertThrows(CoderApiException.class, c::me);
            assertEquals(ErrorClass.TIMEOUT, e.errorClass());
            assertEquals("GET " + me + ": request timed out after 300ms", e.getMessage());
        } finally {
            release.countDown();
        }
    }

    @Test
    void malformedJsonErrorBodyKeepsStatusAndUrl() {
        coder.on("GET", "/api/v2/users/me", Reply.json(500, "{\"message\":"));
        CoderApiException e = meFails();
        assertEquals(500, e.status());
        assertTrue(e.getMessage().startsWith("GET " + me + ": unexpected status code 500, decode body: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void undecodableSuccessBodyIsAnError() {
        coder.on("GET", "/api/v2/users/me", Reply.json(200, "[1,2]"));
        CoderApiException e = meFails();
        assertEquals(ErrorClass.OTHER, e.errorClass());
        assertTrue(e.getMessage().startsWith("GET " + me + ": decode response body: "), e.getMessage());
    }

    @Test
    void headersTheJdkManagesAreRefusedUpFront() {
        CoderEndpoint bad = new CoderEndpoint(coder.url(), "t", List.of(new CoderEndpoint.Header("Host", "other")), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoderClient.builder(bad, ScriptedCoder.httpClient()).build());
        assertTrue(e.getMessage().startsWith("--header \"Host\" cannot be sent"), e.getMessage());
    }
}
