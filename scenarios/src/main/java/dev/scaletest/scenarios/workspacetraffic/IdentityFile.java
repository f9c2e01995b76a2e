package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.ssh.SshCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads {@code --ssh-identity-file} once, before anything starts: a bad file is bad input. */
final class IdentityFile {
    private IdentityFile() {}

    static SshCredentials load(Path file) {
        String flag = "--ssh-identity-file " + file;
        if (!Files.exists(file)) {
            throw new ConfigException(flag + ": no such file");
        }
        if (Files.isDirectory(file) || !Files.isReadable(file)) {
            throw new ConfigException(flag + ": cannot be read (expected a readable private key file)");
        }
        try {
            return SshCredentials.none().withKeyFile(file);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(flag + ": not a usable private key (expected an unencrypted OpenSSH or PEM key: ed25519, ECDSA or RSA): "
                    + e.getMessage());
        }
    }
}
