package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.scaletest.simulator.Distribution;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.simulator.ssh.SshOptions;
import dev.scaletest.simulator.state.Deployment;
import dev.scaletest.simulator.terminal.TerminalOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets never leave: create-workspaces, workspace-traffic (as the workspace owners, with a
 * Prometheus push) and cleanup run at full verbosity with a session token, a {@code --header} value
 * and {@code --header-command} output that are marked; also a request that fails (a wrong token),
 * a create run under injected 5xx, 429 and build faults, and traffic whose WebSockets are cut.
 * Every password and API key the simulator held at any moment (generated users' passwords, their
 * login sessions, the tokens minted for the owners) is collected from the simulator's side while
 * the tool runs. Then every byte the tool wrote (stdout, stderr, the JSON, text and HTML reports,
 * the journal folders, the pushed metrics) is searched for each secret.
 */
@Timeout(240)
class SecretsE2ETest {
    private static final String HEADER_SECRET = "MARK-header-" + UUID.randomUUID();
    private static final String COMMAND_SECRET = "MARK-command-" + UUID.randomUUID();
    private static final String WRONG_TOKEN = "MARKwrong0-" + UUID.randomUUID().toString().replace("-", "").substring(0, 22);

    @TempDir
    Path tmp;

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private final Map<String, String> written = new LinkedHashMap<>();

    @Test
    void noSecretReachesAnythingTheToolWrites() throws Exception {
        secrets.addAll(List.of(HEADER_SECRET, COMMAND_SECRET, WRONG_TOKEN));
        try (PushRecorder push = new PushRecorder()) {
            try (Simulator simulator = start(Faults.none()); CredentialWatch watch = new CredentialWatch(simulator.api().deployment())) {
                Ran created = run("create", simulator, "create-workspaces", "--token", simulator.adminToken(),
                        "--template", simulator.templateName(), "--count", "2", "--no-cleanup");
                assertEquals(0, created.exitCode, created.process.diagnostics());
                assertTrue(created.process.err().contains("set CODER_SESSION_TOKEN instead"), "the --token hint:\n" + created.process.err());

                Ran traffic = run("traffic", simulator, "workspace-traffic", "--as-workspace-owners", "--timeout", "3s",
                        "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s",
                        "--prometheus-push-url", push.url().toString());
                assertEquals(0, traffic.exitCode, traffic.process.diagnostics());
                assertFalse(traffic.process.err().contains("set CODER_SESSION_TOKEN instead"), "no hint when the token comes from the environment");

                Ran refused = run("wrong-token", simulator, "cleanup", "--token", WRONG_TOKEN, "--journal", journal("create"));
                assertEquals(2, refused.exitCode, refused.process.diagnostics());
                assertTrue(refused.process.err().contains("the session token was refused"), refused.process.diagnostics());

                Ran cleanup = run("cleanup", simulator, "cleanup", "--journal", journal("create"));
                assertEquals(0, cleanup.exitCode, cleanup.process.diagnostics());
                assertEquals(0, simulator.api().deployment().counts().scaletestUsers(), cleanup.process.diagnostics());
            }
            Faults faults = new Faults(Map.of(), 0.2, 0.1, Duration.ofMillis(200), 0.2, false, 0, 0, Duration.ZERO, Duration.ZERO);
            try (Simulator simulator = start(faults); CredentialWatch watch = new CredentialWatch(simulator.api().deployment())) {
                Ran faulty = run("faults", simulator, "create-workspaces", "--template", simulator.templateName(),
                        "--count", "4", "--retry", "1");
                assertTrue(faulty.exitCode == 0 || faulty.exitCode == 1, "the run went through its faults: " + faulty.process.diagnostics());
            }
            // Every WebSocket is cut once a second, so each stream is cut and reconnects within the 3 s run;
            // at a lower rate a run could see its only cut in the last second, too late to reconnect.
            Faults drops = new Faults(Map.of(), 0, 0, Duration.ofSeconds(1), 0, false, 1.0, 0, Duration.ZERO, Duration.ZERO);
            try (Simulator simulator = start(drops); CredentialWatch watch = new CredentialWatch(simulator.api().deployment())) {
                assertEquals(0, run("drops-create", simulator, "create-workspaces", "--template", simulator.templateName(),
                        "--count", "2", "--no-cleanup").exitCode);
                Ran cut = run("drops-traffic", simulator, "workspace-traffic", "--timeout", "3s",
                        "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s");
                assertTrue(cut.exitCode == 0 || cut.exitCode == 1, "traffic went through its cut WebSockets: " + cut.process.diagnostics());
                assertTrue(ScaletestProcess.json(tmp.resolve("drops-traffic/report.json")).path("traffic").path("reconnects").asInt() > 0,
                        "the fault cut streams and they reconnected: " + cut.process.diagnostics());
                assertEquals(0, run("drops-cleanup", simulator, "cleanup", "--journal", journal("drops-create")).exitCode);
            }
            assertFalse(push.bodies.isEmpty(), "the traffic run pushed its metrics");
            for (int i = 0; i < push.bodies.size(); i++) {
                written.put("prometheus push " + i, push.bodies.get(i));
            }
        }
        collectFiles();

        assertTrue(secrets.size() > 10, "passwords, sessions and minted tokens were seen on the simulator: " + secrets.size());
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, String> place : written.entrySet()) {
            for (String secret : secrets) {
                if (place.getValue().contains(secret)) {
                    leaks.add(place.getKey() + " holds " + secret);
                }
            }
        }
        assertTrue(written.keySet().stream().anyMatch(k -> k.endsWith(".html")), "an HTML report was searched: " + written.keySet());
        assertTrue(written.keySet().stream().anyMatch(k -> k.contains("journal")), "a journal was searched: " + written.keySet());
        long bytes = written.values().stream().mapToLong(String::length).sum();
        System.out.printf("searched %d places (%d bytes) for %d secrets: %s%n", written.size(), bytes, secrets.size(), written.keySet());
        assertEquals(List.of(), leaks, "searched " + written.size() + " places for " + secrets.size() + " secrets");
    }

    private static Simulator start(Faults faults) throws Exception {
        return Simulator.start(faults, o -> o.withBuildTime(Distribution.fixed(Duration.ofMillis(300)))
                .withAgentConnectTime(Distribution.fixed(Duration.ZERO)), TerminalOptions.defaults(), SshOptions.defaults());
    }

    private record Ran(ScaletestProcess process, int exitCode) {
    }

    /** One command at full verbosity with every output format and the marked headers; what it printed is kept for the search. */
    private Ran run(String name, Simulator simulator, String... args) {
        secrets.add(simulator.adminToken());
        Path dir = tmp.resolve(name);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", simulator.url().toString(), "--verbose", "--progress", "plain",
                "--header", "X-Tenant=" + HEADER_SECRET, "--header-command", "echo X-Gateway-Auth=" + COMMAND_SECRET,
                "--journal-dir", dir.resolve("journal").toString()));
        if (!args[0].equals("cleanup")) {
            all.addAll(List.of("--output", "json:" + dir.resolve("report.json"), "--output", "text:" + dir.resolve("report.txt"),
                    "--output", "html:" + dir.resolve("report.html"), "--output", "text"));
        }
        boolean typedToken = all.contains("--token");
        ScaletestProcess process = new ScaletestProcess(tmp.resolve("home"),
                typedToken ? Map.of() : Map.of("CODER_SESSION_TOKEN", simulator.adminToken()));
        int exit = process.run(all.toArray(String[]::new));
        written.put(name + " stdout", process.out());
        written.put(name + " stderr", process.err());
        return new Ran(process, exit);
    }

    /** The journal folder of the command run under {@code name}. */
    private String journal(String name) {
        return tmp.resolve(name).resolve("journal").toString();
    }

    private void collectFiles() throws IOException {
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                written.put(tmp.relativize(file).toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
    }

    /** Adds every credential the deployment holds, polled while the tool runs: minted tokens live only seconds. */
    private final class CredentialWatch implements AutoCloseable {
        private final Deployment deployment;
        private final Thread poller;
        private volatile boolean running = true;

        CredentialWatch(Deployment deployment) {
            this.deployment = deployment;
            this.poller = Thread.ofPlatform().daemon().start(this::poll);
        }

        private void poll() {
            while (running) {
                secrets.addAll(deployment.credentials());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            poller.join();
            secrets.addAll(deployment.credentials());
        }
    }

    /** A Pushgateway stand-in that keeps each pushed body (gunzipped when sent compressed). */
    private static final class PushRecorder implements AutoCloseable {
        final List<String> bodies = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        PushRecorder() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    InputStream body = exchange.getRequestBody();
                    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                        body = new GZIPInputStream(body);
                    }
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    body.transferTo(bytes);
                    bodies.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n" + exchange.getRequestHeaders()
                            + "\n" + bytes.toString(StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
