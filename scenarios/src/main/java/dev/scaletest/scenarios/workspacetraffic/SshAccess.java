package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.net.HostPort;
import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.ssh.PlaceholderTemplate;
import dev.scaletest.ssh.SshCredentials;
import dev.scaletest.ssh.SshRoute;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code --ssh} traffic reaches a workspace without Coder's WireGuard network: a plain SSH
 * endpoint ({@code address}, host:port) or a proxy command whose stdio is the connection
 * ({@code proxyCommand}, e.g. {@code coder ssh --stdio {owner}/{workspace}}, placeholders in
 * {@link SshRoute.ProxyCommand#PLACEHOLDERS}); with both, the address only gives the proxy
 * command's {@code {host}} and {@code {port}}, as OpenSSH's %h/%p.
 *
 * @param user                  the SSH user, may use {@link #USER_PLACEHOLDERS}
 * @param strictHostKeyChecking check host keys through a proxy command too (Coder's tool does not)
 * @param passwordFromToken     offer the Coder session token as the SSH password (the built-in
 *                              simulator's login; never done otherwise)
 */
public record SshAccess(
        Optional<String> address,
        Optional<String> proxyCommand,
        String user,
        Optional<Path> identityFile,
        Path knownHosts,
        boolean acceptAnyHostKey,
        boolean strictHostKeyChecking,
        boolean passwordFromToken) {

    /** What Coder's agents and the built-in simulator take as the SSH user. */
    public static final String DEFAULT_USER = "{owner}.{workspace}";
    /** The placeholders {@code --ssh-user} may use. */
    public static final List<String> USER_PLACEHOLDERS = List.of("owner", "workspace");

    public SshAccess {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(proxyCommand, "proxyCommand");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(identityFile, "identityFile");
        Objects.requireNonNull(knownHosts, "knownHosts");
    }

    /** The defaults of every flag except the known_hosts file. */
    public static SshAccess defaults(Path knownHosts) {
        return new SshAccess(Optional.empty(), Optional.empty(), DEFAULT_USER, Optional.empty(), knownHosts, false, false, false);
    }

    public boolean configured() {
        return address.isPresent() || proxyCommand.isPresent();
    }

    public void validate() {
        address.ifPresent(SshAccess::parseAddress);
        proxyCommand.ifPresent(command -> {
            if (command.isBlank()) {
                throw new ConfigException("--ssh-proxy-command must not be empty");
            }
            try {
                SshRoute.ProxyCommand.template(command);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--ssh-proxy-command: " + e.getMessage());
            }
        });
        userTemplate();
        if (strictHostKeyChecking && acceptAnyHostKey) {
            throw new ConfigException("--ssh-strict-host-key-checking and --ssh-insecure-accept-any-host-key contradict each other: pass one");
        }
    }

    /** The SSH user for one workspace. */
    public String user(String owner, String workspace) {
        return userTemplate().expand(Map.of("owner", owner, "workspace", workspace));
    }

    private PlaceholderTemplate userTemplate() {
        if (user.isBlank()) {
            throw new ConfigException("--ssh-user must not be empty (default: " + DEFAULT_USER + ")");
        }
        try {
            return new PlaceholderTemplate(user, USER_PLACEHOLDERS);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--ssh-user: " + e.getMessage());
        }
    }

    /** The key of {@code --ssh-identity-file}, read now: an unusable file is bad input before anything starts. */
    public Optional<SshCredentials> loadIdentity() {
        return identityFile.map(IdentityFile::load);
    }

    /** {@code --ssh-address} as a direct route, if given. */
    public Optional<SshRoute.Direct> addressRoute() {
        return address.map(SshAccess::parseAddress);
    }

    /** {@code host:port}, {@code [v6]:port}; port 1..65535 ({@link HostPort}'s grammar). */
    private static SshRoute.Direct parseAddress(String value) {
        try {
            HostPort address = HostPort.parse(value, true, 1);
            return SshRoute.direct(address.host(), address.port());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--ssh-address " + e.getMessage());
        }
    }
}
