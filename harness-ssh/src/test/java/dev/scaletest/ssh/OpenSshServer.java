package dev.scaletest.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH sshd on a loopback port, in the foreground with its own config, host key and
 * authorized keys (its own file, plus each user's {@code ~/.ssh/authorized_keys}). Where sshd or
 * ssh-keygen is missing, tests using it fail with a pointer to {@code bin/install-test-tools}: the
 * SSH path is only shown to work against a real server if these tests run.
 * Shared with the end-to-end suite through this module's test jar.
 */
public final class OpenSshServer implements AutoCloseable {
    static final Path SSHD = Path.of("/usr/sbin/sshd");
    static final Path KEYGEN = Path.of("/usr/bin/ssh-keygen");
    private static final Duration START_WAIT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final Path clientKey;
    private final Path hostPublicKey;
    private final Path log;

    private OpenSshServer(Process process, int port, Path clientKey, Path hostPublicKey, Path log) {
        this.process = process;
        this.port = port;
        this.clientKey = clientKey;
        this.hostPublicKey = hostPublicKey;
        this.log = log;
    }

    public static OpenSshServer start(Path dir) throws Exception {
        Path keygen = KEYGEN;
        for (Path tool : List.of(SSHD, keygen)) {
            if (!Files.isExecutable(tool)) {
                throw new IllegalStateException("no executable " + tool + ": install openssh-server (bin/install-test-tools)");
            }
        }
        Path runDir = Path.of("/run/sshd");
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create sshd privilege separation dir " + runDir + ": " + e.getMessage(), e);
        }
        Path hostKey = dir.resolve("ssh_host_ed25519_key");
        Path clientKey = dir.resolve("id_ed25519");
        run(List.of(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()));
        run(List.of(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-f", clientKey.toString()));
        run(List.of(keygen.toString(), "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", dir.resolve("id_ecdsa").toString()));
        run(List.of(keygen.toString(), "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", dir.resolve("id_rsa").toString()));
        Path authorized = dir.resolve("authorized_keys");
        StringBuilder keys = new StringBuilder();
        for (String name : List.of("id_ed25519.pub", "id_ecdsa.pub", "id_rsa.pub")) {
            keys.append(Files.readString(dir.resolve(name)));
        }
        Files.writeString(authorized, keys);

        int port = freePort();
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "ListenAddress 127.0.0.1",
                "Port " + port,
                "HostKey " + hostKey,
                // The test's own keys for the user running the tests, and each user's own file for
                // the login users a test creates (LocalSshUser).
                "AuthorizedKeysFile " + authorized + " .ssh/authorized_keys",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "UsePAM no",
                "StrictModes no",
                "PermitRootLogin yes",
                "PidFile none",
                // Traffic tests open their streams all at once; sshd's default drops beyond 10.
                "MaxStartups 200",
                // sshd runs the command through the user's shell, and Debian's bash sources ~/.bashrc
                // when SSH_CLIENT is set and SHLVL is below 2. A heavy ~/.bashrc (pyenv init takes
                // 0.6 s here, 10 s for ten at once on two cores) would delay every command's start
                // and turn the first tick's echo into seconds; the tests measure the client, not
                // this machine's login files.
                "SetEnv SHLVL=1",
                "") + "\n");
        Path log = dir.resolve("sshd.log");
        Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        OpenSshServer server = new OpenSshServer(process, port, clientKey, dir.resolve("ssh_host_ed25519_key.pub"), log);
        server.awaitListening();
        return server;
    }

    public int port() {
        return port;
    }

    public Path clientKey() {
        return clientKey;
    }

    /** The authorized client key of {@code type}: ed25519, ecdsa or rsa (OpenSSH format). */
    public Path clientKey(String type) {
        return clientKey.resolveSibling("id_" + type);
    }

    public String user() {
        return System.getProperty("user.name");
    }

    /** A known_hosts line for this server under {@code name} (plus the port when not 22). */
    public String knownHostsLine(String name, int keyPort) throws IOException {
        String[] key = Files.readString(hostPublicKey).trim().split("\\s+");
        String host = keyPort == 22 ? name : "[" + name + "]:" + keyPort;
        return host + " " + key[0] + " " + key[1];
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited with " + process.exitValue() + ": " + log());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("sshd did not listen on port " + port + " within " + START_WAIT + ": " + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + output);
        }
    }
}
