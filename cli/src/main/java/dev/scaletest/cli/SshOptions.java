package dev.scaletest.cli;

import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.workspacetraffic.SshAccess;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How SSH traffic reaches the workspaces without Coder's WireGuard network: the flags of
 * workspace-traffic's {@code --ssh} and of the ssh share of {@code run}'s {@code --traffic-mix}, one
 * set read from the same variables by both.
 */
public final class SshOptions {

    @Option(names = "--disable-direct", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_DISABLE_DIRECT_CONNECTIONS",
            description = "SSH traffic through --ssh-proxy-command: run the command with CODER_DISABLE_DIRECT_CONNECTIONS=true, so 'coder ssh' relays through DERP instead of connecting peer to peer."
                    + " The root flag --disable-direct-connections does the same.")
    boolean disableDirect;

    @Option(names = "--ssh-address", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH_ADDRESS", paramLabel = "HOST:PORT",
            description = {"SSH traffic: the SSH server to connect to, such as a plain sshd; its host key is checked against --ssh-known-hosts.",
                    "With --ssh-proxy-command: only the {host} and {port} the command is given."})
    String sshAddress;

    @Option(names = "--ssh-proxy-command", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH_PROXY_COMMAND", paramLabel = "COMMAND",
            description = {"SSH traffic: a command whose stdin/stdout is the SSH connection (run by /bin/sh), e.g. 'coder ssh --stdio {owner}/{workspace}'.",
                    "Placeholders: {owner} (the workspace owner's user name), {workspace} (the workspace name), {user} (the SSH user, --ssh-user),"
                            + " {host} and {port} (--ssh-address if given, else the workspace name and 22: what OpenSSH's %%h and %%p would be); no others.",
                    "Host keys are not checked on this route, as Coder's tool and 'coder config-ssh' (StrictHostKeyChecking=no) do not: see --ssh-strict-host-key-checking."})
    String sshProxyCommand;

    @Option(names = "--ssh-user", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH_USER", paramLabel = "USER",
            defaultValue = SshAccess.DEFAULT_USER,
            description = "SSH traffic: the SSH user; may use {owner} and {workspace}. Default: ${DEFAULT-VALUE} (what Coder's agents and the built-in simulator expect).")
    String sshUser;

    @Option(names = "--ssh-identity-file", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH_IDENTITY_FILE", paramLabel = "FILE",
            description = "SSH traffic: the private key to log in with (unencrypted OpenSSH or PEM: ed25519, ECDSA or RSA).")
    Path sshIdentityFile;

    @Option(names = "--ssh-password-from-token", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH_PASSWORD_FROM_TOKEN",
            description = {"SSH traffic: offer the Coder session token as the SSH password, as the built-in simulator run on its own ('scaletest simulator --ssh-listen') and test servers expect.",
                    "Without it the token, which opens the whole Coder API, goes to no SSH server; --embedded offers it to its own simulator only."})
    boolean sshPasswordFromToken;

    @Option(names = "--ssh-known-hosts", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH_KNOWN_HOSTS", paramLabel = "FILE",
            description = "With --ssh-address, or --ssh-strict-host-key-checking: the known_hosts file host keys are checked against. Default: ~/.ssh/known_hosts")
    Path sshKnownHosts;

    @Option(names = "--ssh-strict-host-key-checking", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH_STRICT_HOST_KEY_CHECKING",
            description = "With --ssh-proxy-command: check host keys against --ssh-known-hosts too, listed under {host} and {port}.")
    boolean sshStrictHostKeyChecking;

    @Option(names = "--ssh-insecure-accept-any-host-key", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH_INSECURE_ACCEPT_ANY_HOST_KEY",
            description = "SSH traffic: do not check host keys (prints a warning).")
    boolean sshAcceptAnyHostKey;

    /** The flags as the scenarios take them; {@code --ssh-known-hosts} defaults to {@code ~/.ssh/known_hosts}. */
    SshAccess toAccess(CliEnvironment environment) {
        Path knownHosts = sshKnownHosts != null ? sshKnownHosts : environment.home().resolve(".ssh").resolve("known_hosts");
        return new SshAccess(present(sshAddress), present(sshProxyCommand), sshUser.trim(), Optional.ofNullable(sshIdentityFile),
                knownHosts, sshAcceptAnyHostKey, sshStrictHostKeyChecking, sshPasswordFromToken);
    }

    /** {@code --disable-direct}, or Coder's root flag {@code --disable-direct-connections}. */
    boolean relayOnly(GlobalOptions global) {
        return disableDirect || global.disableDirectConnections();
    }

    /**
     * SSH traffic needs a route: scaletest does not join Coder's WireGuard network, so without
     * {@code --ssh-address} or {@code --ssh-proxy-command} only the built-in simulator ({@code --embedded}) is reachable.
     *
     * @param asked the flag that asked for SSH traffic, for the message
     */
    static void requireRoute(String asked, boolean embedded, SshAccess access) {
        if (!embedded && !access.configured()) {
            throw new ConfigException(asked + " needs --ssh-address HOST:PORT or --ssh-proxy-command 'coder ssh --stdio {owner}/{workspace}':"
                    + " scaletest does not join Coder's WireGuard network");
        }
    }

    /** The warning {@code --ssh-insecure-accept-any-host-key} owes the user when SSH traffic goes. */
    void warnIfInsecure(PrintWriter err) {
        if (sshAcceptAnyHostKey) {
            err.println("WARNING: --ssh-insecure-accept-any-host-key: SSH host keys are not checked.");
            err.flush();
        }
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
