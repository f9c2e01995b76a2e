package dev.scaletest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.scaletest.coder.CoderEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HeaderCommandTest {

    @Test
    void outputLinesBecomeHeadersAfterTheHeaderFlagsAndTheCommandSeesCoderUrl() {
        CliRun run = new CliRun().run("cleanup", "--header", "X-A=1",
                "--header-command", "printf 'Authorization=Bearer s3cr3t\\nX-Url=%s\\n' \"$CODER_URL\"");
        assertEquals(0, run.exit, run.err);
        assertEquals(List.of(new CoderEndpoint.Header("X-A", "1"), new CoderEndpoint.Header("Authorization", "Bearer s3cr3t"),
                new CoderEndpoint.Header("X-Url", "https://coder.example.com")), run.launcher.common.endpoint().orElseThrow().headers());
    }

    @Test
    void theEnvironmentVariableWorksToo() {
        CliRun run = new CliRun().env("CODER_HEADER_COMMAND", "echo X-From-Env=a=b").run("create-workspaces", "-t", "x");
        assertEquals(List.of(new CoderEndpoint.Header("X-From-Env", "a=b")), run.launcher.common.endpoint().orElseThrow().headers());
    }

    @Test
    void aFailingCommandIsOneLineWithoutItsOutput() {
        // What the command prints is made by it (upper-cased), so it cannot appear in the message by way of the command text.
        String command = "echo x-secret=hunter2 | tr a-z A-Z; echo leaked | tr a-z A-Z >&2; exit 3";
        CliRun run = new CliRun().run("cleanup", "--header-command", command);
        assertEquals(2, run.exit);
        assertEquals(1, run.errLines().size(), run.err);
        assertTrue(run.err.startsWith("scaletest: --header-command failed with exit status 3"), run.err);
        assertFalse(run.err.contains("hunter2"), "the command text can hold a credential too: " + run.err);
        assertFalse(run.err.contains("LEAKED"), run.err);
        assertFalse(run.err.contains("HUNTER2"), run.err);
        assertNull(run.launcher.called);
    }

    @Test
    void aMalformedLineIsNamedByNumberNeverByContent() {
        CliRun run = new CliRun().run("cleanup", "--header-command", "echo X-Ok=1; echo hunter2-token | tr a-z A-Z");
        assertEquals(2, run.exit);
        assertEquals(1, run.errLines().size(), run.err);
        assertTrue(run.err.contains("line 2 of its output is not Name=Value"), run.err);
        assertFalse(run.err.contains("HUNTER2"), "a header value is a secret: " + run.err);
        assertNull(run.launcher.called);
    }

    @Test
    void versionAndFeatureWarningFlagsAreAccepted() {
        CliRun flags = new CliRun().run("--no-version-warning", "cleanup", "--no-feature-warning");
        assertEquals(0, flags.exit, flags.err);
        assertEquals("cleanup", flags.launcher.called);
        CliRun env = new CliRun().env("CODER_NO_VERSION_WARNING", "true").env("CODER_NO_FEATURE_WARNING", "true").run("cleanup");
        assertEquals(0, env.exit, env.err);
    }

    /** The headers reach Coder: a real command run against a server that records what it was sent. */
    @Test
    void everyRequestCarriesTheCommandsHeaders() throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.put("X-Gateway-Token", String.valueOf(exchange.getRequestHeaders().getFirst("X-Gateway-Token")));
            byte[] body = "{\"message\":\"You must be authenticated.\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
            PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            CliEnvironment env = new CliEnvironment(Map.of(), Clock.systemUTC(), java.nio.file.Path.of("/nonexistent"), false);
            CommandLine commandLine = new ScaletestCommand(new ProductionLauncher(o, e), env).commandLine();
            commandLine.setErr(new PrintWriter(e, true));
            int code = commandLine.execute("cleanup", "--url", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "--token", "t", "--header-command", "echo X-Gateway-Token=from-command", "--progress", "none");
            assertEquals(2, code, err.toString(StandardCharsets.UTF_8));
            assertEquals("from-command", seen.get("X-Gateway-Token"));
            assertFalse(err.toString(StandardCharsets.UTF_8).contains("from-command"), err.toString(StandardCharsets.UTF_8));
        } finally {
            server.stop(0);
        }
    }
}
