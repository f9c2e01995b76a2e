package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * What an operator does on a new Coder deployment before a scale test, through coderd's REST API
 * as Coder's CLI does it: the first user (who becomes the site owner), a login for their session
 * token, and a template: its files uploaded as a tar ({@code POST /files}), a template version
 * built from them by a provisioner, and the template made from that version.
 */
record FirstUserAndTemplate(String sessionToken, UUID organization, UUID template) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMPLATE_FILES = "/real-coderd/docker-template/";
    private static final Duration VERSION_BUILD_TIMEOUT = Duration.ofMinutes(10);

    /** Sets up {@code coderd} with the first user and the template {@code name}, whose Terraform variables are {@code variables}. */
    static FirstUserAndTemplate create(URI coderd, String name, Map<String, String> variables) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            Api api = new Api(http, coderd, null);
            String email = "admin@scaletest.local";
            String password = "Sc4letest-" + UUID.randomUUID();
            JsonNode first = api.send("POST", "/api/v2/users/first", json(Map.of("email", email, "username", "admin",
                    "password", password)), 201);
            UUID organization = UUID.fromString(first.path("organization_id").asText());
            String token = api.send("POST", "/api/v2/users/login", json(Map.of("email", email, "password", password)), 201)
                    .path("session_token").asText();
            Api owner = new Api(http, coderd, token);

            JsonNode upload = owner.upload(templateTar());
            ObjectNode version = JSON.createObjectNode()
                    .put("storage_method", "file").put("provisioner", "terraform")
                    .put("file_id", upload.path("hash").asText());
            var values = version.putArray("user_variable_values");
            variables.forEach((k, v) -> values.addObject().put("name", k).put("value", v));
            JsonNode created = owner.send("POST", "/api/v2/organizations/" + organization + "/templateversions", version, 201);
            awaitBuilt(owner, created.path("id").asText());
            JsonNode template = owner.send("POST", "/api/v2/organizations/" + organization + "/templates",
                    json(Map.of("name", name, "template_version_id", created.path("id").asText())), 200, 201);
            return new FirstUserAndTemplate(token, organization, UUID.fromString(template.path("id").asText()));
        }
    }

    /** Waits for the template version's import job (terraform init and plan in coderd's provisioner). */
    private static void awaitBuilt(Api owner, String version) throws IOException, InterruptedException {
        long until = System.nanoTime() + VERSION_BUILD_TIMEOUT.toNanos();
        while (System.nanoTime() < until) {
            JsonNode job = owner.send("GET", "/api/v2/templateversions/" + version, null, 200).path("job");
            switch (job.path("status").asText()) {
                case "succeeded" -> {
                    return;
                }
                case "failed", "canceled" -> throw new AssertionError("template version " + version + ": " + job);
                default -> Thread.sleep(1000);
            }
        }
        throw new AssertionError("template version " + version + " not built within " + VERSION_BUILD_TIMEOUT);
    }

    /** The template's files as the tar coderd's file store takes. */
    private static byte[] templateTar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);
                InputStream main = FirstUserAndTemplate.class.getResourceAsStream(TEMPLATE_FILES + "main.tf")) {
            byte[] content = main.readAllBytes();
            TarArchiveEntry entry = new TarArchiveEntry("main.tf");
            entry.setSize(content.length);
            entry.setMode(0644);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static JsonNode json(Map<String, String> fields) {
        return JSON.valueToTree(fields);
    }

    /** coderd's REST API with or without a session token. */
    private record Api(HttpClient http, URI base, String token) {
        JsonNode send(String method, String path, JsonNode body, int... expected) throws IOException, InterruptedException {
            HttpRequest.Builder request = request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            return answer(method + " " + path, http.send(request.build(), HttpResponse.BodyHandlers.ofString()), expected);
        }

        JsonNode upload(byte[] tar) throws IOException, InterruptedException {
            HttpRequest request = request("/api/v2/files").header("Content-Type", "application/x-tar")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(tar)).build();
            return answer("POST /api/v2/files", http.send(request, HttpResponse.BodyHandlers.ofString()), 200, 201);
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(1));
            return token == null ? request : request.header("Coder-Session-Token", token);
        }

        private static JsonNode answer(String call, HttpResponse<String> response, int... expected) throws IOException {
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return JSON.readTree(response.body());
                }
            }
            assertEquals(expected[0], response.statusCode(), call + ": " + response.body());
            throw new AssertionError(call);
        }
    }
}
