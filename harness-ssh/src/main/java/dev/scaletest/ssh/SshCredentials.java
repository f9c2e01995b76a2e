package dev.scaletest.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * What a transport authenticates with: an optional password (for Coder, a session token) and any
 * number of key pairs. With neither, only the "none" method is tried (servers that authenticate
 * the connection some other way, such as a Coder agent reached through {@code coder ssh --stdio}).
 */
public record SshCredentials(String password, List<KeyPair> keys) {

    public SshCredentials {
        keys = List.copyOf(keys);
    }

    public static SshCredentials none() {
        return new SshCredentials(null, List.of());
    }

    public static SshCredentials password(String password) {
        return none().withPassword(password);
    }

    public SshCredentials withPassword(String newPassword) {
        return new SshCredentials(newPassword, keys);
    }

    public SshCredentials withKey(KeyPair key) {
        List<KeyPair> all = new ArrayList<>(keys);
        all.add(key);
        return new SshCredentials(password, all);
    }

    /**
     * Adds the unencrypted private key(s) in {@code file} (OpenSSH or PEM format; ed25519, ECDSA
     * or RSA). Read once, here, so a bad file is reported at setup and not per stream.
     */
    public SshCredentials withKeyFile(Path file) throws IOException {
        List<KeyPair> all = new ArrayList<>(keys);
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(
                    null, NamedResource.ofName(file.toString()), in, FilePasswordProvider.EMPTY);
            if (loaded != null) {
                loaded.forEach(all::add);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read private key " + file + ": " + e.getMessage(), e);
        }
        if (all.size() == keys.size()) {
            throw new IOException("no private key found in " + file);
        }
        return new SshCredentials(password, all);
    }

    void applyTo(ClientSession session) {
        if (password != null) {
            session.addPasswordIdentity(password);
        }
        keys.forEach(session::addPublicKeyIdentity);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SshCredentials[password=" + (password == null ? "none" : "set") + ", keys=" + keys.size() + "]";
    }
}
