package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.scenarios.ConfigException;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code --ssh} traffic reaches a workspace without Coder's WireGuard network: a plain SSH
 * endpoint ({@code address}, host:port) or a proxy command whose stdio is the connection
 * ({@code proxyCommand}, {@code {workspace}} replaced by the workspace name, e.g.
 * {@code coder ssh --stdio {workspace}}).
 */
public record SshAccess(
        Optional<String> address,
        Optional<String> proxyCommand,
        Optional<Path> identityFile,
        Path knownHosts,
        boolean acceptAnyHostKey) {

    public static final String WORKSPACE_PLACEHOLDER = "{workspace}";

    public SshAccess {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(proxyCommand, "proxyCommand");
        Objects.requireNonNull(identityFile, "identityFile");
        Objects.requireNonNull(knownHosts, "knownHosts");
    }

    public boolean configured() {
        return address.isPresent() || proxyCommand.isPresent();
    }

    public void validate() {
        if (address.isPresent() && proxyCommand.isPresent()) {
            throw new ConfigException("--ssh-address and --ssh-proxy-command are alternatives: pass only one");
        }
        address.ifPresent(SshAccess::checkHostPort);
        proxyCommand.ifPresent(command -> {
            if (command.isBlank()) {
                throw new ConfigException("--ssh-proxy-command must not be empty");
            }
        });
    }

    private static void checkHostPort(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new ConfigException("--ssh-address must be host:port, got \"" + value + "\"");
        }
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new ConfigException("--ssh-address has an invalid port: \"" + value + "\"");
        }
    }
}
