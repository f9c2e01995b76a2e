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

    @Mixin
    TickOptions ticks;

    @Option(names = "--ssh", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_SSH",
            description = "Send traffic over SSH (see --ssh-address / --ssh-proxy-command) instead of the web terminal.")
    boolean ssh;

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

    @Option(names = "--ws-client", descriptionKey = "CODER_SCALETEST_WORKSPACE_TRAFFIC_WS_CLIENT", defaultValue = "netty",
            paramLabel = "netty|java-websocket", converter = WebSocketClientConverter.class,
            description = "WebSocket library for terminal and app traffic. Default: ${DEFAULT-VALUE}.")
    WebSocketClientKind webSocketClient;

    @Mixin
    SshOptions sshOptions;

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
        SshAccess sshAccess = sshOptions.toAccess(root.environment());
        boolean relayOnly = sshOptions.relayOnly(root.global());
        WorkspaceTrafficConfig config = new WorkspaceTrafficConfig(ticks.bytesPerTick, ticks.tickInterval, ssh, present(app), relayOnly,
                proxyUrl(), targets.toTargets(), strategy.toConfig(), cleanupStrategy.toConfig(), prometheus.toConfig(),
                count, sshAccess, webSocketClient, asWorkspaceOwners, ticks.warmUp).validate();
        CommonOptions common = root.global().resolve(spec, root.environment(), err, root.shards(), output.toTargets(),
                thresholds.expressions(), thresholds.abortOnThreshold);
        if (ssh) {
            SshOptions.requireRoute("--ssh", common.embedded(), sshAccess);
            sshOptions.warnIfInsecure(err);
        }
        if (asWorkspaceOwners) {
            // The minted owner tokens are journaled; without them traffic writes no journal.
            WritablePaths.checkJournalDirectory(common.journalDir(), root.global().journalDir != null);
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
