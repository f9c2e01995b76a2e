package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.coder.CoderHttpClients;
import dev.scaletest.coder.TlsTrust;
import dev.scaletest.scenarios.run.WorkspacePrecreation;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.ssh.LocalSshUser;
import dev.scaletest.ssh.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workspace-traffic --ssh --ssh-address} against a real OpenSSH sshd on loopback, logging in
 * with {@code --ssh-user} and {@code --ssh-identity-file} as a real local account
 * ({@link LocalSshUser}: {@code scaletest-ssh} when run as root) that runs the real {@code dd}, host
 * key checked against a known_hosts file the test writes. The workspaces to target come from a
 * simulator; every stream goes to the one sshd. An unknown or changed host key is one line naming
 * {@code --ssh-insecure-accept-any-host-key} and the file, exit 2, before any traffic.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WorkspaceTrafficRealSshdE2ETest {
    private static final int STREAMS = 3;
    private static final int BYTES_PER_TICK = 4096;
    /** 2 s of 100 ms ticks per stream. */
    private static final long PLANNED_BYTES = STREAMS * 20L * BYTES_PER_TICK;

    static Path dir;
    static OpenSshServer sshd;
    static LocalSshUser login;
    static Simulator simulator;

    @TempDir
    Path home;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("scaletest-real-sshd");
        sshd = OpenSshServer.start(dir);
        login = LocalSshUser.create(sshd, dir);
        simulator = Simulator.start();
        try (CoderHttpClients http = CoderHttpClients.create(TlsTrust.VERIFY)) {
            CoderClient admin = http.clientFor(new CoderEndpoint(simulator.url(), simulator.adminToken(), List.of(), false)).build();
            new WorkspacePrecreation(admin, admin.me(), Duration.ofSeconds(30)).create(simulator.templateName(), STREAMS);
        }
    }

    /** The sshd goes first: the account cannot be removed while its sessions run. */
    @AfterAll
    static void stop() throws Exception {
        if (simulator != null) {
            simulator.close();
        }
        if (sshd != null) {
            sshd.close();
        }
        if (login != null) {
            login.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private Path knownHosts(String line) throws Exception {
        return Files.writeString(home.resolve("known_hosts"), line + "\n");
    }

    private record Outcome(int exit, ScaletestProcess process) {
    }

    private Outcome traffic(Path knownHosts, Path report) {
        List<String> args = new ArrayList<>(List.of("workspace-traffic", "--url", simulator.url().toString(),
                "--token", simulator.adminToken(), "--ssh", "--ssh-address", "127.0.0.1:" + sshd.port(),
                "--ssh-user", login.name(), "--ssh-identity-file", login.privateKey().toString(),
                "--ssh-known-hosts", knownHosts.toString(),
                "--bytes-per-tick", String.valueOf(BYTES_PER_TICK), "--tick-interval", "100ms", "--timeout", "2s",
                "--progress", "none", "--scaletest-prometheus-address", "127.0.0.1:0", "--scaletest-prometheus-wait", "0s",
                "--journal-dir", home.resolve("journal").toString(), "--output", "json:" + report));
        ScaletestProcess process = new ScaletestProcess(home);
        return new Outcome(process.run(args.toArray(String[]::new)), process);
    }

    @Test
    void aRealUserRunsRealDdAndEveryByteComesBack() throws Exception {
        Path report = home.resolve("traffic.json");
        Outcome run = traffic(knownHosts(sshd.knownHostsLine("127.0.0.1", sshd.port())), report);
        ScaletestProcess process = run.process();
        String diagnostics = process.diagnostics() + "\nsshd log:\n" + sshd.log();
        assertEquals(0, run.exit(), diagnostics);
        JsonNode traffic = ScaletestProcess.json(report).path("traffic");
        assertEquals(STREAMS, traffic.path("streams").asInt(), traffic + diagnostics);
        assertEquals(PLANNED_BYTES, traffic.path("target_bytes").asLong(), traffic.toString());
        assertEquals(PLANNED_BYTES, traffic.path("bytes_written").asLong(), traffic.toString());
        assertEquals(PLANNED_BYTES, traffic.path("bytes_read").asLong(), "dd echoes every byte: " + traffic);
        assertFalse(process.err().contains("WARNING"), process.err());
        long logins = sshd.log().lines().filter(l -> l.contains("Accepted publickey for " + login.name() + " from 127.0.0.1")).count();
        assertEquals(STREAMS, logins, "each stream logged in as " + login.name() + ":\n" + sshd.log());
        assertFalse(sshd.log().contains("password"), "no password was offered:\n" + sshd.log());
    }

    @Test
    void anUnknownHostKeyIsOneLineNamingTheFlagThatAcceptsIt() throws Exception {
        Path knownHosts = knownHosts(sshd.knownHostsLine("127.0.0.2", sshd.port()));
        assertRejectedBeforeTraffic(knownHosts, "host [127.0.0.1]:" + sshd.port() + " is not in " + knownHosts);
    }

    @Test
    void aChangedHostKeyIsOneLineNamingTheFlagThatAcceptsIt() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        Path knownHosts = knownHosts("[127.0.0.1]:" + sshd.port() + " " + PublicKeyEntry.toString(generator.generateKeyPair().getPublic()));
        assertRejectedBeforeTraffic(knownHosts, "host key of [127.0.0.1]:" + sshd.port() + " changed: " + knownHosts + " has ecdsa-sha2-nistp256 SHA256:");
    }

    private void assertRejectedBeforeTraffic(Path knownHosts, String expected) throws Exception {
        Path report = home.resolve("rejected.json");
        Outcome run = traffic(knownHosts, report);
        ScaletestProcess process = run.process();
        assertEquals(2, run.exit(), process.diagnostics());
        List<String> errors = process.err().lines().filter(l -> l.startsWith("scaletest: ")).toList();
        assertEquals(1, errors.size(), process.diagnostics());
        String line = errors.getFirst();
        assertTrue(line.startsWith("scaletest: " + login.name() + "@127.0.0.1:" + sshd.port() + ": " + expected), line);
        assertTrue(line.contains("add the server's key there or pass --ssh-insecure-accept-any-host-key"), line);
        assertFalse(process.err().contains("Exception"), process.err());
        assertFalse(Files.exists(report), "no traffic ran, so there is no report");
    }
}
