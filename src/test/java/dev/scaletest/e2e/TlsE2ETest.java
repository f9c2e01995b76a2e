package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.coder.CaBundle;
import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.coder.CoderHttpClients;
import dev.scaletest.coder.TlsTrust;
import dev.scaletest.scenarios.run.WorkspacePrecreation;
import dev.scaletest.simulator.Distribution;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.SelfSignedAuthority;
import dev.scaletest.simulator.ServerTls;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.simulator.ssh.SshOptions;
import dev.scaletest.simulator.terminal.TerminalOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A deployment behind a certificate from a private CA, as many self-hosted Coder deployments are:
 * refused by default with a line that says what to do, trusted through --tls-ca-file, SSL_CERT_FILE
 * or SSL_CERT_DIR by the HTTP client, both WebSocket clients and the SSH proxy command alike, and
 * accepted with a warning under --insecure-skip-verify.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsE2ETest {
    private static final int WORKSPACES = 2;

    @TempDir
    static Path shared;

    static Simulator simulator;
    static Path caFile;

    @TempDir
    Path home;

    @BeforeAll
    static void startSimulator() throws Exception {
        ServerTls tls = SelfSignedAuthority.issue(List.of("127.0.0.1", "localhost"));
        caFile = Files.writeString(shared.resolve("ca.pem"), tls.authorityPem().orElseThrow(), StandardCharsets.US_ASCII);
        simulator = Simulator.start(Faults.none(), o -> o.withTls(tls).withBuildTime(Distribution.fixed(Duration.ZERO))
                .withAgentConnectTime(Distribution.fixed(Duration.ZERO)), TerminalOptions.defaults(), SshOptions.defaults());
        TlsTrust trust = TlsTrust.verifying(CaBundle.fromEnvironment(Map.of(), Optional.of(caFile)));
        try (CoderHttpClients http = CoderHttpClients.create(trust)) {
            CoderClient admin = http.clientFor(new CoderEndpoint(simulator.url(), simulator.adminToken(), List.of(), trust)).build();
            new WorkspacePrecreation(admin, admin.me(), Duration.ofSeconds(30)).create(simulator.templateName(), WORKSPACES);
        }
    }

    @AfterAll
    static void stopSimulator() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private ScaletestProcess scaletest(Map<String, String> environment) {
        Map<String, String> all = new java.util.HashMap<>(environment);
        all.put("CODER_SESSION_TOKEN", simulator.adminToken());
        return new ScaletestProcess(home, all);
    }

    private String[] create(String... extra) {
        List<String> args = new ArrayList<>(List.of("create-workspaces", "--url", simulator.url().toString(), "--template", "kubernetes",
                "--count", "2", "--progress", "none", "--journal-dir", home.resolve("journal").toString(),
                "--output", "json:" + home.resolve("create.json")));
        args.addAll(Arrays.asList(extra));
        return args.toArray(String[]::new);
    }

    private String[] traffic(String... extra) {
        List<String> args = new ArrayList<>(List.of("workspace-traffic", "--url", simulator.url().toString(), "--timeout", "2s",
                "--progress", "none", "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s",
                "--journal-dir", home.resolve("journal").toString(), "--output", "json:" + home.resolve("traffic.json")));
        args.addAll(Arrays.asList(extra));
        return args.toArray(String[]::new);
    }

    private static List<String> errLines(ScaletestProcess run) {
        return run.err().lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void byDefaultThePrivateCaIsRefusedInOneLineThatSaysWhatToDo() {
        for (String[] args : List.of(create(), traffic())) {
            ScaletestProcess run = scaletest(Map.of());
            assertEquals(2, run.run(args), run.diagnostics());
            List<String> lines = errLines(run);
            assertEquals(1, lines.size(), run.diagnostics());
            String line = lines.getFirst();
            assertTrue(line.startsWith("scaletest: GET " + simulator.url() + "/api/v2/users/me: tls: "), line);
            assertTrue(line.contains("--tls-ca-file FILE") && line.contains("SSL_CERT_FILE") && line.contains("--insecure-skip-verify"), line);
        }
        assertEquals(0, simulator.api().deployment().counts().scaletestUsers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--tls-ca-file", "SSL_CERT_FILE", "SSL_CERT_DIR"})
    void trustingTheCaMakesTheRunPass(String how) throws Exception {
        ScaletestProcess run = switch (how) {
            case "SSL_CERT_FILE" -> scaletest(Map.of("SSL_CERT_FILE", caFile.toString()));
            case "SSL_CERT_DIR" -> scaletest(Map.of("SSL_CERT_DIR", home.resolve("missing") + ":" + caFile.getParent()));
            default -> scaletest(Map.of());
        };
        String[] args = how.equals("--tls-ca-file") ? create("--tls-ca-file", caFile.toString()) : create();
        assertEquals(0, run.run(args), run.diagnostics());
        assertEquals(2, ScaletestProcess.json(home.resolve("create.json")).get("total_pass").asInt());
        assertFalse(run.err().contains("WARNING"), run.diagnostics());
    }

    @ParameterizedTest
    @ValueSource(strings = {"netty", "java-websocket"})
    void bothWebSocketClientsTrustTheSameCa(String client) throws Exception {
        ScaletestProcess run = scaletest(Map.of("SSL_CERT_FILE", caFile.toString()));
        assertEquals(0, run.run(traffic("--ws-client", client)), run.diagnostics());
        JsonNode traffic = ScaletestProcess.json(home.resolve("traffic.json")).path("traffic");
        assertEquals(WORKSPACES, traffic.path("streams").asInt(), traffic.toString());
        assertTrue(traffic.path("bytes_read").asLong() > 0, traffic.toString());
    }

    /** The proxy command stands in for 'coder ssh': it records the CA variables it was given, then relays. */
    @Test
    void theSshProxyCommandIsHandedTheSameCa() throws Exception {
        Path seen = home.resolve("proxy-env");
        String relay = "echo \"$SSL_CERT_FILE|$SSL_CERT_DIR\" >> " + seen + "; exec bash -c 'exec 3<>/dev/tcp/127.0.0.1/"
                + simulator.sshAddress().getPort() + "; cat <&3 & exec cat >&3' {workspace}";
        ScaletestProcess run = scaletest(Map.of("SSL_CERT_DIR", caFile.getParent().toString()));
        assertEquals(0, run.run(traffic("--ssh", "--ssh-proxy-command", relay, "--ssh-password-from-token",
                "--tls-ca-file", caFile.toString())), run.diagnostics());
        List<String> lines = Files.readAllLines(seen);
        assertEquals(WORKSPACES, lines.size(), lines.toString());
        for (String line : lines) {
            assertEquals(caFile.toAbsolutePath() + "|" + caFile.getParent().toAbsolutePath(), line);
        }
    }

    @Test
    void insecureSkipVerifyPassesWithAWarning() throws Exception {
        ScaletestProcess run = scaletest(Map.of());
        assertEquals(0, run.run(create("--insecure-skip-verify")), run.diagnostics());
        assertTrue(run.err().contains("WARNING: --insecure-skip-verify: TLS certificates are not checked"), run.diagnostics());
        assertEquals(2, ScaletestProcess.json(home.resolve("create.json")).get("total_pass").asInt());
    }

    @Test
    void aCaFileThatIsNotOneIsBadInputBeforeAnyRequest() throws IOException {
        Path junk = Files.writeString(home.resolve("junk.pem"), "<html>not a certificate</html>\n");
        long requests = simulator.stats().requests.sum();
        for (var env : List.of(Map.of("SSL_CERT_FILE", junk.toString()), Map.<String, String>of())) {
            ScaletestProcess run = scaletest(env);
            String[] args = env.isEmpty() ? create("--tls-ca-file", home.resolve("missing.pem").toString()) : create();
            assertEquals(2, run.run(args), run.diagnostics());
            assertEquals(1, errLines(run).size(), run.diagnostics());
        }
        assertEquals(requests, simulator.stats().requests.sum(), "not one request went out");
    }

    /** The packaged tool's simulator serves HTTPS with a CA of its own, written where the banner says. */
    @Test
    void theSimulatorCommandServesHttpsWithItsOwnCa() throws Exception {
        Path ca = home.resolve("sim-ca.pem");
        try (StandaloneSimulator standalone = StandaloneSimulator.start(home.resolve("sim.log"), "--tls-self-signed", "--tls-ca-out", ca.toString())) {
            assertTrue(standalone.url().startsWith("https://127.0.0.1:"), standalone.url());
            assertEquals(ca.toAbsolutePath().toString(), standalone.tlsCaFile());
            ScaletestProcess run = new ScaletestProcess(home, Map.of("CODER_SESSION_TOKEN", standalone.adminToken()));
            List<String> args = new ArrayList<>(List.of(create("--tls-ca-file", ca.toString())));
            args.set(args.indexOf("--url") + 1, standalone.url());
            assertEquals(0, run.run(args.toArray(String[]::new)), run.diagnostics());
        }
    }
}
