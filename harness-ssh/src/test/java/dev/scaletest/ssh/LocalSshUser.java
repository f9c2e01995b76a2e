package dev.scaletest.ssh;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real local account to log in to {@link OpenSshServer} with, as a test of scaletest against a
 * plain sshd would: run as root (CI), a user {@value #NAME} of its own with a home and a
 * {@code ~/.ssh/authorized_keys} holding a key generated here, removed again by {@link #close()};
 * otherwise (sshd can only log in its own user) the user running the tests, with the server's
 * authorized test key.
 */
public final class LocalSshUser implements AutoCloseable {
    public static final String NAME = "scaletest-ssh";
    /** Marks the account as the tests', so a leftover from a killed run may be replaced and nothing else is. */
    private static final String COMMENT = "scaletest e2e login";

    private final String name;
    private final Path privateKey;
    private final boolean created;

    private LocalSshUser(String name, Path privateKey, boolean created) {
        this.name = name;
        this.privateKey = privateKey;
        this.created = created;
    }

    /** A login user for {@code server}; key files go to {@code dir}. */
    public static LocalSshUser create(OpenSshServer server, Path dir) throws Exception {
        if (new UnixSystem().getUid() != 0) {
            return new LocalSshUser(server.user(), server.clientKey(), false);
        }
        Optional<String[]> existing = account(NAME);
        if (existing.isPresent()) {
            if (!existing.get()[4].equals(COMMENT)) {
                throw new IllegalStateException("a user " + NAME + " exists that the tests did not create; remove it or run the tests elsewhere");
            }
            OpenSshServer.run(List.of("userdel", "--remove", NAME));
        }
        OpenSshServer.run(List.of("useradd", "--create-home", "--shell", "/bin/sh", "--comment", COMMENT,
                // "*": no password login, but not locked ("!"), which sshd without PAM refuses even for keys.
                "--password", "*", NAME));
        Path home = Path.of(account(NAME).orElseThrow()[5]);
        Path key = dir.resolve("id_" + NAME);
        OpenSshServer.run(List.of(OpenSshServer.KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", NAME, "-f", key.toString()));
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.copy(key.resolveSibling(key.getFileName() + ".pub"), ssh.resolve("authorized_keys"));
        OpenSshServer.run(List.of("chown", "-R", NAME + ":", ssh.toString()));
        OpenSshServer.run(List.of("chmod", "700", ssh.toString()));
        return new LocalSshUser(NAME, key, true);
    }

    public String name() {
        return name;
    }

    /** The private key whose public half the user's authorized_keys lists. */
    public Path privateKey() {
        return privateKey;
    }

    /** True when this is an account of the test's own rather than the user running the tests. */
    public boolean created() {
        return created;
    }

    /** Removes the account and its home if this created them; stop the sshd first (its sessions run as the user). */
    @Override
    public void close() throws Exception {
        if (created) {
            OpenSshServer.run(List.of("userdel", "--remove", NAME));
        }
    }

    /** The passwd fields of {@code user}, if the account exists. */
    private static Optional<String[]> account(String user) throws IOException, InterruptedException {
        Process getent = new ProcessBuilder("getent", "passwd", user).redirectErrorStream(true).start();
        String line = new String(getent.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!getent.waitFor(30, TimeUnit.SECONDS) || getent.exitValue() != 0 || line.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(line.split(":", -1));
    }
}
