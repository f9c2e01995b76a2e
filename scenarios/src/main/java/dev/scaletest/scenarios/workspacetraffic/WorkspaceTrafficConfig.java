package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.net.HttpUrl;
import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.PrometheusConfig;
import dev.scaletest.scenarios.StrategyConfig;
import dev.scaletest.scenarios.TargetRange;
import dev.scaletest.scenarios.WorkspaceTargets;
import dev.scaletest.traffic.TickPayload;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code workspace-traffic}: every {@code tickInterval} write {@code bytesPerTick} bytes (one line,
 * newline included) to each target workspace, through the web terminal (default), an app
 * ({@code app}) or SSH ({@code ssh}), for the run phase's {@code --timeout}.
 *
 * @param embeddedWorkspaces with {@code --embedded}: how many workspaces to create in the built-in
 *                           simulator before the traffic starts
 * @param disableDirect      Coder's {@code --disable-direct} or the root {@code --disable-direct-connections}:
 *                           the SSH proxy command runs with {@code CODER_DISABLE_DIRECT_CONNECTIONS=true},
 *                           so {@code coder ssh} relays through DERP
 * @param asWorkspaceOwners  each workspace's traffic goes as its owner, with a short-lived token minted per
 *                           owner ({@link OwnerTokens}), where coderd refuses a site owner (others' path apps,
 *                           {@code --disable-owner-workspace-access})
 */
public record WorkspaceTrafficConfig(
        int bytesPerTick,
        Duration tickInterval,
        boolean ssh,
        Optional<String> app,
        boolean disableDirect,
        Optional<URI> workspaceProxyUrl,
        WorkspaceTargets targets,
        StrategyConfig strategy,
        StrategyConfig cleanupStrategy,
        PrometheusConfig prometheus,
        int embeddedWorkspaces,
        SshAccess sshAccess,
        WebSocketClientKind webSocketClient,
        boolean asWorkspaceOwners) {

    public WorkspaceTrafficConfig {
        Objects.requireNonNull(tickInterval, "tickInterval");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(workspaceProxyUrl, "workspaceProxyUrl");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(cleanupStrategy, "cleanupStrategy");
        Objects.requireNonNull(prometheus, "prometheus");
        Objects.requireNonNull(sshAccess, "sshAccess");
        Objects.requireNonNull(webSocketClient, "webSocketClient");
    }

    /**
     * Settings for streams to workspaces a run already holds ({@code scaletest run}, which drives the
     * workspaces its create phase brought up): every stream at once for {@code duration}, no target
     * listing, no Prometheus endpoint of its own, as the caller (the run passes each owner's token).
     */
    public static WorkspaceTrafficConfig forHeldWorkspaces(int bytesPerTick, Duration tickInterval, Duration duration,
            SshAccess sshAccess, boolean disableDirect, WebSocketClientKind webSocketClient) {
        StrategyConfig allAtOnce = StrategyConfig.run(0, duration, Duration.ZERO, OptionalDouble.empty(), Duration.ZERO);
        return new WorkspaceTrafficConfig(bytesPerTick, tickInterval, false, Optional.empty(), disableDirect, Optional.empty(),
                new WorkspaceTargets(Optional.empty(), TargetRange.ALL, false), allAtOnce, StrategyConfig.defaultCleanup(),
                new PrometheusConfig("127.0.0.1:0", Duration.ZERO, Optional.empty()), 1, sshAccess, webSocketClient, false);
    }

    /** Traffic lasts for the run phase's timeout, as in Coder. */
    public Duration duration() {
        return strategy.timeout();
    }

    public boolean webTerminal() {
        return !ssh && app.isEmpty();
    }

    /** The mode {@code --ssh} and {@code --app} chose. */
    public TrafficMode mode() {
        return ssh ? TrafficMode.SSH : app.isPresent() ? TrafficMode.APP : TrafficMode.TERMINAL;
    }

    /**
     * The same settings with traffic in {@code mode}, to the app {@code appSlug} in {@link TrafficMode#APP}:
     * what a run that mixes modes builds each mode's streams from.
     */
    public WorkspaceTrafficConfig inMode(TrafficMode mode, Optional<String> appSlug) {
        return new WorkspaceTrafficConfig(bytesPerTick, tickInterval, mode == TrafficMode.SSH,
                mode == TrafficMode.APP ? appSlug : Optional.empty(), disableDirect, workspaceProxyUrl, targets, strategy,
                cleanupStrategy, prometheus, embeddedWorkspaces, sshAccess, webSocketClient, asWorkspaceOwners);
    }

    public WorkspaceTrafficConfig validate() {
        if (ssh && app.isPresent()) {
            throw new ConfigException("validate ssh: must be false when app is used (--ssh and --app are alternatives)");
        }
        // A tick is one line; through the web terminal it must fit a terminal line.
        TickPayload.lengthProblem(bytesPerTick, webTerminal()).ifPresent(problem -> {
            throw new ConfigException("--bytes-per-tick " + problem + (webTerminal() ? " (--ssh and --app take longer ticks)" : ""));
        });
        if (tickInterval.isNegative() || tickInterval.isZero()) {
            throw new ConfigException("validate tick interval: --tick-interval must be greater than zero");
        }
        if (strategy.timeout().isNegative() || strategy.timeout().isZero()) {
            throw new ConfigException("validate duration: must be greater than zero (traffic lasts --timeout)");
        }
        if (app.isPresent() && app.get().isBlank()) {
            throw new ConfigException("--app must name an app slug");
        }
        if (embeddedWorkspaces <= 0) {
            throw new ConfigException("--count must be greater than 0");
        }
        workspaceProxyUrl.ifPresent(url -> {
            try {
                HttpUrl.check(url);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--workspace-proxy-url " + e.getMessage());
            }
        });
        sshAccess.validate();
        if (disableDirect && sshAccess.address().isPresent() && sshAccess.proxyCommand().isEmpty()) {
            throw new ConfigException("--disable-direct / --disable-direct-connections (or their environment variables) cannot apply to --ssh-address alone (a direct SSH server):"
                    + " use it with --ssh-proxy-command, whose command gets CODER_DISABLE_DIRECT_CONNECTIONS=true");
        }
        strategy.validate();
        cleanupStrategy.validate();
        prometheus.validate();
        return this;
    }
}
