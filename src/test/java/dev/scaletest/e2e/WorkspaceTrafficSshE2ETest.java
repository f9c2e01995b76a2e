package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.coder.CoderHttpClients;
import dev.scaletest.coder.TlsTrust;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.scenarios.run.WorkspacePrecreation;
import dev.scaletest.simulator.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workspace-traffic --ssh} through {@code --ssh-proxy-command}, the way real Coder users
 * reach agents ({@code coder ssh --stdio {owner}/{workspace}}): here the command is a bash relay to
 * the simulator's SSH server, which is a standalone simulator to this command, so it only gets the
 * session token as password with {@code --ssh-password-from-token}. As with Coder's tool, host keys
 * are not checked on this route unless {@code --ssh-strict-host-key-checking}; bad flags and unknown
 * names are one-line errors with exit code 2 before any traffic starts.
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
        try (CoderHttpClients http = CoderHttpClients.create(TlsTrust.VERIFY)) {
            CoderClient admin = http.clientFor(new CoderEndpoint(simulator.url(), simulator.adminToken(), List.of(), false)).build();
            new WorkspacePrecreation(admin, admin.me(), Duration.ofSeconds(30)).create(simulator.templateName(), STREAMS);
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
        return traffic(Map.of(), extra);
    }

    private Outcome traffic(Map<String, String> environment, String... extra) {
        Path report = home.resolve("ssh.json");
        Path text = home.resolve("ssh.txt");
        List<String> args = new ArrayList<>(List.of("workspace-traffic", "--url", simulator.url().toString(),
                "--token", simulator.adminToken(), "--ssh", "--timeout", "2s", "--progress", "none",
                "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s",
                "--journal-dir", home.resolve("journal").toString(), "--output", "json:" + report, "--output", "text:" + text));
        args.addAll(List.of(extra));
        ScaletestProcess process = new ScaletestProcess(home, environment);
        return new Outcome(process.run(args.toArray(String[]::new)), process, report, text);
    }

    @Test
    void proxyCommandCarriesTheTrafficWithDirectConnectionsDisabled() throws Exception {
        // No known_hosts at all: through a proxy command host keys are not checked by default.
        Outcome run = traffic("--ssh-proxy-command", relay(true), "--disable-direct", "--ssh-password-from-token");
        assertEquals(0, run.exit(), run.process().diagnostics());
        JsonNode traffic = run.json().path("traffic");
        long expected = STREAMS * 40_960L * 2;
        assertEquals(STREAMS, traffic.path("streams").asInt(), traffic.toString());
        assertTrue(Math.abs(traffic.path("bytes_read").asLong() - expected) <= expected / 100, traffic.toString());
        assertTrue(run.json().path("operations").path("traffic.echo_rtt").path("p99_ms").asDouble() > 0, run.json().toString());
        assertFalse(run.process().err().contains("WARNING"), run.process().err());
    }

    @Test
    void codersRootFlagAndItsVariableDisableDirectConnectionsToo() throws Exception {
        Outcome variable = traffic(Map.of("CODER_DISABLE_DIRECT_CONNECTIONS", "true"),
                "--ssh-proxy-command", relay(true), "--ssh-password-from-token");
        assertEquals(0, variable.exit(), variable.process().diagnostics());
        Outcome flag = traffic("--ssh-proxy-command", relay(true), "--ssh-password-from-token", "--disable-direct-connections");
        assertEquals(0, flag.exit(), flag.process().diagnostics());
        assertEquals(STREAMS, flag.json().path("traffic").path("streams").asInt());
    }

    @Test
    void withoutDisableDirectTheRelayOnlyCheckFailsEveryStream() throws Exception {
        Outcome run = traffic("--ssh-proxy-command", relay(true), "--ssh-password-from-token");
        assertEquals(1, run.exit(), run.process().diagnostics());
        String results = Files.readString(run.text());
        assertTrue(results.contains("direct connections not disabled"), "the proxy command's stderr is in the error: " + results);
    }

    @Test
    void placeholdersReachTheProxyCommandAndHostAndPortComeFromTheAddress() throws Exception {
        Path script = Files.writeString(home.resolve("record-relay"), String.join("\n",
                "#!/bin/bash",
                "# record-relay DEST_HOST DEST_PORT ARGS...: writes ARGS to argv-<second arg>, then relays to DEST",
                "dest_host=$1 dest_port=$2; shift 2",
                "printf '%s\\n' \"$@\" > \"" + home + "/argv-$2\"",
                "exec 3<>/dev/tcp/$dest_host/$dest_port",
                "cat <&3 & exec cat >&3", ""));
        script.toFile().setExecutable(true);
        int port = simulator.sshAddress().getPort();
        Map<String, String> owners = workspaceOwners();

        Outcome bare = traffic("--ssh-proxy-command", script + " 127.0.0.1 " + port + " {owner} {workspace} {user} {host} {port}",
                "--ssh-password-from-token");
        assertEquals(0, bare.exit(), bare.process().diagnostics());
        for (Map.Entry<String, String> w : owners.entrySet()) {
            String owner = w.getValue();
            String workspace = w.getKey();
            assertEquals(List.of(owner, workspace, owner + "." + workspace, workspace, "22"),
                    Files.readAllLines(home.resolve("argv-" + workspace)), "without --ssh-address: {host} {port} are the workspace name and 22");
        }

        Outcome viaAddress = traffic("--ssh-proxy-command", script + " {host} {port} {owner}/{workspace} {workspace} {user}",
                "--ssh-address", "127.0.0.1:" + port, "--ssh-user", "{workspace}", "--ssh-password-from-token");
        assertEquals(0, viaAddress.exit(), viaAddress.process().diagnostics());
        assertEquals(STREAMS, viaAddress.json().path("traffic").path("streams").asInt());
        for (Map.Entry<String, String> w : owners.entrySet()) {
            String workspace = w.getKey();
            assertEquals(List.of(w.getValue() + "/" + workspace, workspace, workspace), Files.readAllLines(home.resolve("argv-" + workspace)));
        }
    }

    /** Workspace name to owner name, as the simulator lists them. */
    private static Map<String, String> workspaceOwners() throws Exception {
        try (CoderHttpClients http = CoderHttpClients.create(TlsTrust.VERIFY)) {
            CoderClient admin = http.clientFor(new CoderEndpoint(simulator.url(), simulator.adminToken(), List.of(), false)).build();
            Map<String, String> owners = new TreeMap<>();
            for (Workspace w : admin.workspaces("name:\"scaletest-\"", 100, 0).workspaces()) {
                owners.put(w.name(), w.ownerName());
            }
            assertEquals(STREAMS, owners.size(), owners.toString());
            return owners;
        }
    }

    @Test
    void theSessionTokenIsNoSshPasswordUnlessAsked() throws Exception {
        Outcome run = traffic("--ssh-proxy-command", relay(false));
        assertEquals(1, run.exit(), run.process().diagnostics());
        String results = Files.readString(run.text());
        assertTrue(results.contains("authentication failed"), "the simulator takes the token as its only password: " + results);
        assertEquals(0, run.json().path("traffic").path("bytes_written").asLong());
    }

    @Test
    void strictCheckingThroughAProxyCommandRejectsAChangedHostKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        knownHosts(PublicKeyEntry.toString(generator.generateKeyPair().getPublic()));
        Outcome run = traffic("--ssh-proxy-command", relay(false), "--ssh-password-from-token", "--ssh-strict-host-key-checking");
        assertEquals(1, run.exit(), run.process().diagnostics());
        String results = Files.readString(run.text());
        assertTrue(results.contains("changed: " + home.resolve(".ssh/known_hosts") + " has ecdsa-sha2-nistp256 SHA256:"), results);
        assertTrue(results.contains("pass --ssh-insecure-accept-any-host-key"), results);
        assertEquals(0, run.json().path("traffic").path("bytes_written").asLong(), "nothing is sent to an unverified host");

        knownHosts(simulatorKey());
        Outcome known = traffic("--ssh-proxy-command", relay(false), "--ssh-password-from-token", "--ssh-strict-host-key-checking");
        assertEquals(0, known.exit(), known.process().diagnostics());
    }

    @Test
    void acceptingAnyHostKeyWarnsAndConnects() throws Exception {
        Outcome run = traffic("--ssh-proxy-command", relay(false), "--ssh-password-from-token", "--ssh-insecure-accept-any-host-key");
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
        assertOneLineUsageError("--disable-direct / --disable-direct-connections (or their environment variables) cannot apply to --ssh-address alone",
                "--ssh-address", "127.0.0.1:22", "--disable-direct");
        assertOneLineUsageError("--ssh-proxy-command: unknown placeholder {wrkspace} (the placeholders are {owner}, {workspace}, {user}, {host}, {port})",
                "--ssh-proxy-command", "coder ssh --stdio {wrkspace}");
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
