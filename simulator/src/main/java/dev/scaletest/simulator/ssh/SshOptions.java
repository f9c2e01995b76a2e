package dev.scaletest.simulator.ssh;

import dev.scaletest.simulator.terminal.CommandOutput;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the workspace SSH server listens and whom it lets in.
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param hostKeyPath where the generated host key is kept across restarts; empty keeps it in memory
 * @param authorizedKeys public keys that may log in to any workspace
 * @param commands output of exec commands other than the {@code dd} family, by exact command line
 */
public record SshOptions(int port, Optional<Path> hostKeyPath, List<PublicKey> authorizedKeys,
        Map<String, CommandOutput> commands) {

    public SshOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        authorizedKeys = List.copyOf(authorizedKeys);
        commands = Map.copyOf(commands);
    }

    public static SshOptions defaults() {
        return new SshOptions(0, Optional.empty(), List.of(), Map.of());
    }

    public SshOptions withPort(int newPort) {
        return new SshOptions(newPort, hostKeyPath, authorizedKeys, commands);
    }

    public SshOptions withAuthorizedKeys(List<PublicKey> keys) {
        return new SshOptions(port, hostKeyPath, keys, commands);
    }

    public SshOptions withCommands(Map<String, CommandOutput> newCommands) {
        return new SshOptions(port, hostKeyPath, authorizedKeys, newCommands);
    }

    public SshOptions withHostKeyPath(Path path) {
        return new SshOptions(port, Optional.of(path), authorizedKeys, commands);
    }
}
