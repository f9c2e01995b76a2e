package dev.scaletest.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** A small HTTP client for tests against a running simulator. */
final class SimulatorClient {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    final URI base;
    final String token;

    SimulatorClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    SimulatorClient as(String otherToken) {
        return new SimulatorClient(base, otherToken);
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(15));
        if (token != null) {
            builder.header("Coder-Session-Token", token);
        }
        return builder;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> patch(String path) {
        return send(request(path).method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
    }

    HttpResponse<String> delete(String path) {
        return send(request(path).DELETE().build());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** The JSON body after asserting the status. */
    static JsonNode expect(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), () -> response.request().method() + " " + response.request().uri()
                + " answered " + response.statusCode() + ": " + response.body());
        return json(response);
    }

    // ---- scenario shortcuts ----

    JsonNode me() {
        return expect(200, get("/api/v2/users/me"));
    }

    String templateId() {
        String org = me().get("organization_ids").get(0).asText();
        return expect(200, get("/api/v2/organizations/" + org + "/templates")).get(0).get("id").asText();
    }

    /** Creates a user and returns a client logged in as that user. */
    SimulatorClient createUserAndLogin(String username) {
        String org = me().get("organization_ids").get(0).asText();
        String email = username + "@scaletest.local";
        expect(201, post("/api/v2/users", """
                {"email":"%s","username":"%s","name":"","password":"Pa55word-x","login_type":"","organization_ids":["%s"]}"""
                .formatted(email, username, org)));
        JsonNode login = expect(201, as(null).post("/api/v2/users/login", """
                {"email":"%s","password":"Pa55word-x"}""".formatted(email)));
        return as(login.get("session_token").asText());
    }

    JsonNode createWorkspace(String name) {
        return expect(201, post("/api/v2/organizations/" + me().get("organization_ids").get(0).asText() + "/members/me/workspaces",
                """
                {"template_id":"%s","template_version_id":"00000000-0000-0000-0000-000000000000","name":"%s","autostart_schedule":null,"rich_parameter_values":[]}"""
                        .formatted(templateId(), name)));
    }

    JsonNode build(String buildId) {
        return expect(200, get("/api/v2/workspacebuilds/" + buildId));
    }

    /** Polls the build until its job status satisfies the predicate. */
    JsonNode awaitBuild(String buildId, Predicate<String> jobStatus) {
        return await("build " + buildId, () -> build(buildId), b -> jobStatus.test(b.path("job").path("status").asText()));
    }

    JsonNode awaitBuildDone(String buildId) {
        return awaitBuild(buildId, s -> !s.equals("pending") && !s.equals("running") && !s.equals("canceling"));
    }

    static JsonNode await(String what, java.util.function.Supplier<JsonNode> probe, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("timed out waiting for " + what + "; last: " + last);
    }
}
