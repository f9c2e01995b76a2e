package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.coder.model.AppHost;
import dev.scaletest.coder.model.WorkspaceApp;
import dev.scaletest.coder.wire.CoderUrls;
import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.ssh.SshCredentials;
import dev.scaletest.ssh.SshRoute;
import dev.scaletest.ssh.SshTransport;
import dev.scaletest.traffic.EchoCommand;
import dev.scaletest.traffic.EchoShape;
import dev.scaletest.traffic.StreamTransport;
import dev.scaletest.web.AppTransport;
import dev.scaletest.web.PtyTarget;
import dev.scaletest.web.TerminalTransport;
import dev.scaletest.web.WsClient;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the stream for one target in the mode the flags chose: web terminal (default), SSH or app.
 * Every transport of a run shares one WebSocket client or one SSH client.
 */
public final class TrafficTransports {
    public static final int PTY_WIDTH = 80;
    public static final int PTY_HEIGHT = 25;
    /** What {@code coder ssh --disable-direct-connections} sets; the proxy command inherits it. */
    public static final String DISABLE_DIRECT_VARIABLE = "CODER_DISABLE_DIRECT_CONNECTIONS";
    /** What the {@code coder} CLI logs in with; the proxy command gets the owner's token in it. */
    public static final String SESSION_TOKEN_VARIABLE = "CODER_SESSION_TOKEN";
    public static final String URL_VARIABLE = "CODER_URL";

    private final WorkspaceTrafficConfig config;
    private final CoderEndpoint endpoint;
    private final CoderEndpoint trafficEndpoint;
    private final WsClient ws;
    private final SshSetup ssh;
    private final AppHost appHost;
    private final Duration connectTimeout;
    private final TrafficCredentials credentials;

    /**
     * @param ws      the shared WebSocket client, or null in SSH mode
     * @param ssh     the SSH setup, or null unless {@code --ssh}
     * @param appHost the deployment's wildcard app host (for subdomain apps)
     */
    public TrafficTransports(WorkspaceTrafficConfig config, CoderEndpoint endpoint, WsClient ws, SshSetup ssh,
            AppHost appHost, Duration connectTimeout) {
        this(config, endpoint, ws, ssh, appHost, connectTimeout, TrafficCredentials.caller(endpoint.sessionToken()));
    }

    /** @param credentials whose token each target's traffic carries (see {@link OwnerTokens}) */
    public TrafficTransports(WorkspaceTrafficConfig config, CoderEndpoint endpoint, WsClient ws, SshSetup ssh,
            AppHost appHost, Duration connectTimeout, TrafficCredentials credentials) {
        this.credentials = credentials;
        this.config = config;
        this.endpoint = endpoint;
        // With --workspace-proxy-url terminal and app traffic go to the proxy, with the same token.
        this.trafficEndpoint = config.workspaceProxyUrl().map(endpoint::withUrl).orElse(endpoint);
        this.ws = ws;
        this.ssh = ssh;
        this.appHost = appHost;
        this.connectTimeout = connectTimeout;
    }

    public EchoShape echoShape() {
        return config.webTerminal() ? EchoShape.TERMINAL : EchoShape.RAW;
    }

    public StreamTransport forTarget(TrafficTarget target) {
        if (config.ssh()) {
            return sshTransport(target);
        }
        CoderEndpoint as = trafficEndpoint.withToken(credentials.tokenFor(target));
        if (config.app().isPresent()) {
            return new AppTransport(ws, as, appUrl(target, config.app().get()), target.label(), connectTimeout);
        }
        // The terminal echoes input itself; dd only has to consume it.
        String command = EchoCommand.dd(config.bytesPerTick(), false);
        return new TerminalTransport(ws, as,
                PtyTarget.random(target.agent().id(), command, PTY_WIDTH, PTY_HEIGHT, target.label()), connectTimeout);
    }

    /** Throws a {@link ConfigException} when the flags cannot reach this target (an unknown --app slug). */
    public void checkTarget(TrafficTarget target) {
        config.app().ifPresent(slug -> appUrl(target, slug));
    }

    /**
     * Checks the SSH server's host key for {@code target} before traffic starts.
     *
     * @return why the key is rejected, if it is (see {@link SshTransport#hostKeyRejection()})
     */
    public Optional<String> sshHostKeyRejection(TrafficTarget target) throws InterruptedException {
        return sshTransport(target).hostKeyRejection();
    }

    private SshTransport sshTransport(TrafficTarget target) {
        String token = credentials.tokenFor(target);
        // The session token is a password only where the setup offers one (the built-in simulator, or
        // --ssh-password-from-token); acting as a workspace's owner, it is that owner's token.
        SshCredentials login = ssh.credentials().password() == null ? ssh.credentials() : ssh.credentials().withPassword(token);
        SshTransport.Builder b = SshTransport.builder(ssh.client())
                .user(ssh.access().user(target.ownerName(), target.workspaceName()))
                .credentials(login)
                .hostKeys(ssh.hostKeys())
                .command(EchoCommand.dd(config.bytesPerTick(), true))
                .connectTimeout(connectTimeout);
        Optional<String> proxyCommand = ssh.access().proxyCommand();
        if (proxyCommand.isPresent()) {
            SshRoute.Direct address = ssh.address();
            b.route(new SshRoute.ProxyCommand(proxyCommand.get(), target.ownerName(), target.workspaceName(),
                    address == null ? null : address.host(), address == null ? 0 : address.port(), proxyEnvironment(token)));
        } else {
            b.route(ssh.address());
        }
        return b.build();
    }

    /**
     * {@code coder ssh} reads these variables: with --disable-direct it must relay through DERP too,
     * and it trusts the CAs this run trusts (SSL_CERT_FILE, SSL_CERT_DIR as {@link dev.scaletest.coder.TlsTrust} resolved them).
     */
    Map<String, String> proxyEnvironment() {
        Map<String, String> env = new HashMap<>(endpoint.tlsTrust().proxyEnvironment());
        if (config.disableDirect()) {
            env.put(DISABLE_DIRECT_VARIABLE, "true");
        }
        return Map.copyOf(env);
    }

    /** As {@link #proxyEnvironment()}; acting as another user, {@code coder ssh} logs in with that user's token. */
    Map<String, String> proxyEnvironment(String token) {
        if (token.equals(endpoint.sessionToken())) {
            return proxyEnvironment();
        }
        Map<String, String> env = new HashMap<>(proxyEnvironment());
        env.put(SESSION_TOKEN_VARIABLE, token);
        env.put(URL_VARIABLE, endpoint.url().toString());
        return env;
    }

    /** The target's app with this slug; a {@link ConfigException} when it has none (Coder's error text). */
    WorkspaceApp app(TrafficTarget target, String slug) {
        return target.app(slug).orElseThrow(
                () -> new ConfigException("app \"" + slug + "\" not found in workspace \"" + target.workspaceName() + "\""));
    }

    /** Coder's app URL ({@link CoderUrls#app}) on the traffic endpoint. */
    URI appUrl(TrafficTarget target, String slug) {
        return CoderUrls.app(trafficEndpoint.url(), appHost, target.ownerName(), target.workspaceName(), target.agentName(),
                app(target, slug)).orElseThrow(() -> new ConfigException(
                        "app \"" + slug + "\" is a subdomain app but the deployment has no wildcard app host"));
    }

    public CoderEndpoint endpoint() {
        return endpoint;
    }
}
