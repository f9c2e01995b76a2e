package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.coder.CoderHttpClients;
import dev.scaletest.scenarios.workspacetraffic.EmbeddedWorkspaces;
import dev.scaletest.simulator.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workspace-traffic --ssh} through {@code --ssh-proxy-command}, the way real Coder users
 * reach agents ({@code coder ssh --stdio {workspace}}): here the command is a bash relay to the
 * simulator's SSH server. Host keys are checked against the user's known_hosts; bad flags and
 * unknown names are one-line errors with exit code 2 before any traffic starts.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkspaceTrafficSshE2ETest {
    private static final int STREAMS = 3;

    @TempDir
    static Path shared;

    static Simulator simulator;

    @TempDir
    Path home;

    @BeforeAll
    static void startSimulator() throws Exception {
        simulator = Simulator.start();
        try (CoderHttpClients http = CoderHttpClients.create(false)) {
            CoderClient admin = http.clientFor(new CoderEndpoint(simulator.url(), simulator.adminToken(), List.of(), false)).build();
            new EmbeddedWorkspaces(admin, admin.me(), Duration.ofSeconds(30)).create(simulator.templateName(), STREAMS);
        }
    }

    @AfterAll
    static void stopSimulator() {
        if (simulator != null) {
            simulator.close();
        }
    }

    /**
     * Relays stdin/stdout to the simulator's SSH port with bash alone; it refuses to run unless
     * {@code CODER_DISABLE_DIRECT_CONNECTIONS=true} when {@code requireRelayOnly}, as {@code coder ssh} would honour it.
     */
    private static String relay(boolean requireRelayOnly) {
        String check = requireRelayOnly ? "[ \"$CODER_DISABLE_DIRECT_CONNECTIONS\" = true ] || { echo direct connections not disabled >&2; exit 7; }; " : "";
        return check + "exec bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + simulator.sshAddress().getPort()
                + "; cat <&3 & exec cat >&3' {workspace}";
    }

    /** The user's known_hosts listing the simulator's key for every scaletest workspace name. */
    private void knownHosts(String keyLine) throws Exception {
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(ssh.resolve("known_hosts"), "scaletest-* " + keyLine + "\n");
    }

    private static String simulatorKey() {
        String line = simulator.sshKnownHostsLine();
        return line.substring(line.indexOf(' ') + 1);
    }

    private record Outcome(int exit, ScaletestProcess process, Path report, Path text) {
        JsonNode json() throws Exception {
            return ScaletestProcess.json(report);
        }
    }

    private Outcome traffic(String... extra) {
        Path report = home.resolve("ssh.json");
        Path text = home.resolve("ssh.txt");
        List<String> args = new ArrayList<>(List.of("workspace-traffic", "--url", simulator.url().toString(),
                "--token", simulator.adminToken(), "--ssh", "--timeout", "2s", "--progress", "none",
                "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s",
                "--journal-dir", home.resolve("journal").toString(), "--output", "json:" + report, "--output", "text:" + text));
        args.addAll(List.of(extra));
        ScaletestProcess process = new ScaletestProcess(home);
        return new Outcome(process.run(args.toArray(String[]::new)), process, report, text);
    }

    @Test
    void proxyCommandCarriesTheTrafficWithDirectConnectionsDisabled() throws Exception {
        knownHosts(simulatorKey());
        Outcome run = traffic("--ssh-proxy-command", relay(true), "--disable-direct");
        assertEquals(0, run.exit(), run.process().diagnostics());
        JsonNode traffic = run.json().path("traffic");
        long expected = STREAMS * 40_960L * 2;
        assertEquals(STREAMS, traffic.path("streams").asInt(), traffic.toString());
        assertTrue(Math.abs(traffic.path("bytes_read").asLong() - expected) <= expected / 100, traffic.toString());
        assertTrue(run.json().path("operations").path("traffic.echo_rtt").path("p99_ms").asDouble() > 0, run.json().toString());
        assertFalse(run.process().err().contains("WARNING"), run.process().err());
    }

    @Test
    void withoutDisableDirectTheRelayOnlyCheckFailsEveryStream() throws Exception {
        knownHosts(simulatorKey());
        Outcome run = traffic("--ssh-proxy-command", relay(true));
        assertEquals(1, run.exit(), run.process().diagnostics());
        String results = Files.readString(run.text());
        assertTrue(results.contains("direct connections not disabled"), "the proxy command's stderr is in the error: " + results);
    }

    @Test
    void aChangedHostKeyIsRejectedWithAClearError() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        knownHosts(PublicKeyEntry.toString(generator.generateKeyPair().getPublic()));
        Outcome run = traffic("--ssh-proxy-command", relay(false));
        assertEquals(1, run.exit(), run.process().diagnostics());
        String results = Files.readString(run.text());
        assertTrue(results.contains("changed: known_hosts has ecdsa-sha2-nistp256 SHA256:"), results);
        assertEquals(0, run.json().path("traffic").path("bytes_written").asLong(), "nothing is sent to an unverified host");
    }

    @Test
    void acceptingAnyHostKeyWarnsAndConnects() throws Exception {
        Outcome run = traffic("--ssh-proxy-command", relay(false), "--ssh-insecure-accept-any-host-key");
        assertEquals(0, run.exit(), run.process().diagnostics());
        assertTrue(run.process().err().contains("WARNING: --ssh-insecure-accept-any-host-key"), run.process().err());
        assertEquals(1, run.process().err().split("WARNING", -1).length - 1, "warned once: " + run.process().err());
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path notAKey = Files.writeString(home.resolve("id_notakey"), "hello\n");
        assertOneLineUsageError("--ssh-identity-file " + home.resolve("id_missing") + ": no such file",
                "--ssh-address", "127.0.0.1:22", "--ssh-identity-file", home.resolve("id_missing").toString());
        assertOneLineUsageError("--ssh-identity-file " + notAKey + ": not a usable private key",
                "--ssh-address", "127.0.0.1:22", "--ssh-identity-file", notAKey.toString());
        assertOneLineUsageError("--disable-direct cannot apply to --ssh-address",
                "--ssh-address", "127.0.0.1:22", "--disable-direct");
    }

    @Test
    void unknownAppAndTemplateAreUsageErrors() {
        for (String[] args : new String[][] {{"--app", "no-such-app"}, {"--template", "no-such-template"}}) {
            List<String> all = new ArrayList<>(List.of("workspace-traffic", "--url", simulator.url().toString(),
                    "--token", simulator.adminToken(), "--timeout", "2s", "--progress", "none",
                    "--scaletest-prometheus-address", "127.0.0.1:0", "--journal-dir", home.resolve("journal").toString()));
            all.addAll(List.of(args));
            ScaletestProcess process = new ScaletestProcess(home);
            int exit = process.run(all.toArray(String[]::new));
            assertEquals(2, exit, process.diagnostics());
            List<String> errors = process.err().lines().filter(l -> l.startsWith("scaletest: ")).toList();
            assertEquals(1, errors.size(), process.err());
            assertTrue(errors.getFirst().contains(args[1]), errors.getFirst());
            assertFalse(process.err().contains("Exception"), process.err());
        }
    }

    private void assertOneLineUsageError(String expected, String... extra) {
        Outcome run = traffic(extra);
        assertEquals(2, run.exit(), run.process().diagnostics());
        List<String> lines = run.process().err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), run.process().err());
        assertTrue(lines.getFirst().startsWith("scaletest: " + expected), lines.getFirst());
    }
}
