package dev.scaletest.cli;

import dev.scaletest.net.HttpUrl;
import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.workspacetraffic.SshAccess;
import dev.scaletest.scenarios.workspacetraffic.WebSocketClientKind;
import dev.scaletest.scenarios.workspacetraffic.WorkspaceTrafficConfig;
import dev.scaletest.traffic.TickPayload;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "workspace-traffic",
        description = {"Generate traffic to scaletest workspaces through coderd.",
                "Each tick writes --bytes-per-tick bytes (one line) to every target workspace and measures the echo; traffic lasts --timeout.",
                "Note: --bytes-per-tick defaults to " + TickPayload.MAX_TERMINAL_LENGTH + " here (Coder's tool: 1024), the most one terminal line holds,",
                "and --concurrency defaults to 0 (every stream at once; Coder's tool: 1, which runs streams one after another)."})
final class WorkspaceTrafficCommand implements Callable<Integer> {

    @ParentCommand
    ScaletestCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--bytes-per-tick", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_BYTES_PER_TICK",
            defaultValue = "" + TickPayload.MAX_TERMINAL_LENGTH, paramLabel = "N",
            description = "Bytes written per tick, newline included: at least " + TickPayload.MIN_LENGTH
                    + " (web terminal: at most " + TickPayload.MAX_TERMINAL_LENGTH + "). Default: ${DEFAULT-VALUE}.")
    int bytesPerTick;

    @Option(names = "--tick-interval", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_TICK_INTERVAL", defaultValue = "100ms",
            paramLabel = "DURATION", converter = GoDurationConverter.class, description = "Time between writes. Default: ${DEFAULT-VALUE}.")
    Duration tickInterval;

    @Option(names = "--ssh", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH",
            description = "Send traffic over SSH (see --ssh-address / --ssh-proxy-command) instead of the web terminal.")
    boolean ssh;

    @Option(names = "--disable-direct", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_DISABLE_DIRECT_CONNECTIONS",
            description = "With --ssh --ssh-proxy-command: run the command with CODER_DISABLE_DIRECT_CONNECTIONS=true, so 'coder ssh' relays through DERP instead of connecting peer to peer."
                    + " The root flag --disable-direct-connections does the same.")
    boolean disableDirect;

    @Option(names = "--app", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_APP", paramLabel = "SLUG",
            description = "Send WebSocket traffic to this workspace app instead of the web terminal.")
    String app;

    @Option(names = "--as-workspace-owners", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_AS_WORKSPACE_OWNERS",
            description = {"Send each workspace's traffic as the user who owns it, with a short-lived API token minted per owner "
                    + "(named scaletest-<run id>, valid for --timeout plus 10m, journaled, deleted after traffic). "
                    + "For what coderd refuses a site owner: other users' path apps (unless coderd runs with "
                    + "--dangerous-allow-path-app-site-owner-access) and, under --disable-owner-workspace-access, "
                    + "other users' terminals, apps and SSH. Coder's tool has no such flag."})
    boolean asWorkspaceOwners;

    @Option(names = "--workspace-proxy-url", descriptionKey = "CODER_SCALETEST_WORKSPACE_PROXY_URL", paramLabel = "URL",
            description = "Send terminal and app traffic through this workspace proxy instead of the primary URL.")
    String workspaceProxyUrl;

    @Option(names = "--count", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_COUNT", defaultValue = "200", paramLabel = "N",
            description = "With --embedded: how many workspaces to create in the simulator first. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--ssh-address", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH_ADDRESS", paramLabel = "HOST:PORT",
            description = {"With --ssh: SSH server to connect to, such as a plain sshd; its host key is checked against --ssh-known-hosts.",
                    "With --ssh-proxy-command: only the {host} and {port} the command is given."})
    String sshAddress;

    @Option(names = "--ssh-proxy-command", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH_PROXY_COMMAND", paramLabel = "COMMAND",
            description = {"With --ssh: command whose stdin/stdout is the SSH connection (run by /bin/sh), e.g. 'coder ssh --stdio {owner}/{workspace}'.",
                    "Placeholders: {owner} (the workspace owner's user name), {workspace} (the workspace name), {user} (the SSH user, --ssh-user),"
                            + " {host} and {port} (--ssh-address if given, else the workspace name and 22: what OpenSSH's %%h and %%p would be); no others.",
                    "Host keys are not checked on this route, as Coder's tool and 'coder config-ssh' (StrictHostKeyChecking=no) do not: see --ssh-strict-host-key-checking."})
    String sshProxyCommand;

    @Option(names = "--ssh-user", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH_USER", paramLabel = "USER",
            defaultValue = SshAccess.DEFAULT_USER,
            description = "With --ssh: the SSH user; may use {owner} and {workspace}. Default: ${DEFAULT-VALUE} (what Coder's agents and the built-in simulator expect).")
    String sshUser;

    @Option(names = "--ssh-identity-file", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH_IDENTITY_FILE", paramLabel = "FILE",
            description = "With --ssh: private key to log in with (unencrypted OpenSSH or PEM: ed25519, ECDSA or RSA).")
    Path sshIdentityFile;

    @Option(names = "--ssh-password-from-token", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH_PASSWORD_FROM_TOKEN",
            description = {"With --ssh: offer the Coder session token as the SSH password, as the built-in simulator run on its own ('scaletest simulator --ssh-listen') and test servers expect.",
                    "Without it the token, which opens the whole Coder API, goes to no SSH server; --embedded offers it to its own simulator only."})
    boolean sshPasswordFromToken;

    @Option(names = "--ssh-known-hosts", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH_KNOWN_HOSTS", paramLabel = "FILE",
            description = "With --ssh-address, or --ssh-strict-host-key-checking: the known_hosts file host keys are checked against. Default: ~/.ssh/known_hosts")
    Path sshKnownHosts;

    @Option(names = "--ssh-strict-host-key-checking", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH_STRICT_HOST_KEY_CHECKING",
            description = "With --ssh-proxy-command: check host keys against --ssh-known-hosts too, listed under {host} and {port}.")
    boolean sshStrictHostKeyChecking;

    @Option(names = "--ssh-insecure-accept-any-host-key", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH_INSECURE_ACCEPT_ANY_HOST_KEY",
            description = "With --ssh: do not check host keys (prints a warning).")
    boolean sshAcceptAnyHostKey;

    @Option(names = "--ws-client", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_WS_CLIENT", defaultValue = "netty",
            paramLabel = "netty|java-websocket", converter = WebSocketClientConverter.class,
            description = "WebSocket library for terminal and app traffic. Default: ${DEFAULT-VALUE}.")
    WebSocketClientKind webSocketClient;

    @Mixin
    WorkspaceTargetOptions targets;

    /**
     * Every stream at once by default (Coder's default is 1, and its own scripts always pass
     * --concurrency=0): traffic lasts --timeout per stream, so one after another never overlaps.
     */
    @Mixin
    StrategyOptions strategy = new StrategyOptions(0);

    @Mixin
    CleanupStrategyOptions cleanupStrategy;

    @Mixin
    OutputOptions output;

    @Mixin
    PrometheusOptions prometheus;

    @Mixin
    ThresholdOptions thresholds;

    @Mixin
    TracingOptions tracing;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path knownHosts = sshKnownHosts != null ? sshKnownHosts : root.environment().home().resolve(".ssh").resolve("known_hosts");
        SshAccess sshAccess = new SshAccess(present(sshAddress), present(sshProxyCommand), sshUser.trim(),
                Optional.ofNullable(sshIdentityFile), knownHosts, sshAcceptAnyHostKey, sshStrictHostKeyChecking, sshPasswordFromToken);
        boolean relayOnly = disableDirect || root.global().disableDirectConnections();
        WorkspaceTrafficConfig config = new WorkspaceTrafficConfig(bytesPerTick, tickInterval, ssh, present(app), relayOnly,
                proxyUrl(), targets.toTargets(), strategy.toConfig(), cleanupStrategy.toConfig(), prometheus.toConfig(),
                count, sshAccess, webSocketClient, asWorkspaceOwners).validate();
        CommonOptions common = root.global().resolve(spec, root.environment(), err, output.toTargets(),
                thresholds.expressions(), thresholds.abortOnThreshold);
        if (ssh && !common.embedded() && !sshAccess.configured()) {
            throw new ConfigException("--ssh needs --ssh-address HOST:PORT or --ssh-proxy-command 'coder ssh --stdio {owner}/{workspace}': scaletest does not join Coder's WireGuard network");
        }
        if (asWorkspaceOwners) {
            // The minted owner tokens are journaled; without them traffic writes no journal.
            WritablePaths.checkJournalDirectory(common.journalDir(), root.global().journalDir != null);
        }
        if (ssh && sshAcceptAnyHostKey) {
            err.println("WARNING: --ssh-insecure-accept-any-host-key: SSH host keys are not checked.");
            err.flush();
        }
        tracing.noteIfRequested(err);
        return root.launcher().workspaceTraffic(config, common);
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private Optional<URI> proxyUrl() {
        Optional<String> text = present(workspaceProxyUrl);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(HttpUrl.parseBase(text.get()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--workspace-proxy-url " + e.getMessage());
        }
    }

    static final class WebSocketClientConverter implements ITypeConverter<WebSocketClientKind> {
        @Override
        public WebSocketClientKind convert(String value) {
            for (WebSocketClientKind kind : WebSocketClientKind.values()) {
                if (kind.flagValue().equals(value.trim())) {
                    return kind;
                }
            }
            throw new TypeConversionException("'" + value + "' is not a WebSocket client: use netty or java-websocket");
        }
    }
}
