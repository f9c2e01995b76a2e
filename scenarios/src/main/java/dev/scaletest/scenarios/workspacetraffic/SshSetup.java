package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.run.DeploymentTarget.DirectSsh;
import dev.scaletest.scenarios.run.RunSession;
import dev.scaletest.ssh.HostKeyPolicy;
import dev.scaletest.ssh.SharedSshClient;
import dev.scaletest.ssh.SshCredentials;
import dev.scaletest.ssh.SshRoute;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How SSH streams are opened; resolved once per run.
 *
 * @param route   which of the three ways the streams go
 * @param address where streams connect, or with a proxy command the {@code {host}}/{@code {port}}
 *                it is given; null for a proxy command without {@code --ssh-address}
 * @param access  the SSH flags: proxy command and user templates
 */
public record SshSetup(SharedSshClient client, SshRouteKind route, SshRoute.Direct address, SshAccess access,
        SshCredentials credentials, HostKeyPolicy hostKeys) {

    /**
     * Route, credentials and host key policy of an SSH run (the rules per route are
     * {@link SshRouteKind}'s). The session token is a password only for the target's own SSH server
     * (the built-in simulator) or with --ssh-password-from-token.
     */
    static SshSetup resolve(RunSession session, SshAccess access, Optional<SshCredentials> identity) throws IOException {
        Optional<DirectSsh> direct = session.target().directSsh();
        SshRouteKind kind = SshRouteKind.of(access, direct.isPresent());
        SshRoute.Direct address = kind == SshRouteKind.BUILT_IN_SIMULATOR
                ? SshRoute.direct(direct.get().host(), direct.get().port())
                : access.addressRoute().orElse(null);
        SshCredentials credentials = identity.orElse(SshCredentials.none());
        if (kind.offersSessionToken() || access.passwordFromToken()) {
            credentials = credentials.withPassword(session.endpoint().sessionToken());
        }
        HostKeyPolicy hostKeys;
        if (access.acceptAnyHostKey() || !kind.checksHostKeys(access.strictHostKeyChecking())) {
            // --ssh-insecure-accept-any-host-key: the command line already warned.
            hostKeys = HostKeyPolicy.acceptAny();
        } else if (kind == SshRouteKind.BUILT_IN_SIMULATOR) {
            hostKeys = HostKeyPolicy.knownHosts(knownHostsFile(session, direct.get()));
        } else {
            try {
                hostKeys = HostKeyPolicy.knownHosts(access.knownHosts())
                        .withRejectionAdvice("add the server's key there or pass --ssh-insecure-accept-any-host-key");
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage() + "; pass --ssh-known-hosts FILE or --ssh-insecure-accept-any-host-key");
            }
        }
        SharedSshClient client = session.own(SharedSshClient.start());
        return new SshSetup(client, kind, address, access, credentials, hostKeys);
    }

    /**
     * With --ssh-address every stream goes to the one server: a host key that known_hosts does not
     * accept is bad input, said once before traffic, rather than one error per stream. Through a
     * proxy command each workspace is a server of its own, so each stream reports its own.
     */
    void checkHostKey(TrafficTransports transports, List<TrafficTarget> targets) throws InterruptedException {
        if (route != SshRouteKind.ADDRESS || hostKeys.acceptsAnyHostKey() || targets.isEmpty()) {
            return;
        }
        Optional<String> rejection = transports.sshHostKeyRejection(targets.getFirst());
        if (rejection.isPresent()) {
            throw new ConfigException(rejection.get());
        }
    }

    /** The target server's host key in a known_hosts file that lives as long as the session. */
    private static Path knownHostsFile(RunSession session, DirectSsh direct) throws IOException {
        Path file = Files.createTempFile("scaletest-known-hosts", "");
        Files.writeString(file, direct.knownHostsLine() + "\n", StandardCharsets.UTF_8);
        session.own(() -> Files.deleteIfExists(file));
        return file;
    }
}
