package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.net.HttpUrl;
import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.PrometheusConfig;
import dev.scaletest.scenarios.StrategyConfig;
import dev.scaletest.scenarios.TargetRange;
import dev.scaletest.scenarios.WorkspaceTargets;
import dev.scaletest.harness.GoDuration;
import dev.scaletest.traffic.TickPayload;
import dev.scaletest.traffic.WarmUpWindow;

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
 * @param warmUp             {@code --warm-up}: how long after the first tick (and after any {@code --ramp-up})
 *                           ticks are measured apart from the steady part; 0 for none
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
        boolean asWorkspaceOwners,
        Duration warmUp) {

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
        Objects.requireNonNull(warmUp, "warmUp");
    }

    /**
     * Settings for streams to workspaces a run already holds ({@code scaletest run}, which drives the
     * workspaces its create phase brought up): every stream at once for {@code duration}, no target
     * listing, no Prometheus endpoint of its own, as the caller (the run passes each owner's token).
     */
    public static WorkspaceTrafficConfig forHeldWorkspaces(int bytesPerTick, Duration tickInterval, Duration duration,
            Duration warmUp, SshAccess sshAccess, boolean disableDirect, WebSocketClientKind webSocketClient) {
        StrategyConfig allAtOnce = StrategyConfig.run(0, duration, Duration.ZERO, OptionalDouble.empty(), Duration.ZERO);
        return new WorkspaceTrafficConfig(bytesPerTick, tickInterval, false, Optional.empty(), disableDirect, Optional.empty(),
                new WorkspaceTargets(Optional.empty(), TargetRange.ALL, false), allAtOnce, StrategyConfig.defaultCleanup(),
                new PrometheusConfig("127.0.0.1:0", Duration.ZERO, Optional.empty()), 1, sshAccess, webSocketClient, false, warmUp);
    }

    /** Traffic lasts for the run phase's timeout, as in Coder. */
    public Duration duration() {
        return strategy.timeout();
    }

    /**
     * The phase's warm-up window: {@code --warm-up} counted from the first tick, plus the
     * {@code --ramp-up} before it, since streams still joining are part of the start-up.
     */
    public WarmUpWindow warmUpWindow() {
        return warmUp.isZero() ? WarmUpWindow.NONE : new WarmUpWindow(strategy.rampUp().plus(warmUp));
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
                cleanupStrategy, prometheus, embeddedWorkspaces, sshAccess, webSocketClient, asWorkspaceOwners, warmUp);
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
        if (warmUp.isNegative()) {
            throw new ConfigException("--warm-up must not be negative, got " + GoDuration.format(warmUp));
        }
        if (!warmUp.isZero() && warmUp.compareTo(duration()) >= 0) {
            throw new ConfigException("--warm-up " + GoDuration.format(warmUp) + " is not shorter than the traffic ("
                    + GoDuration.format(duration()) + "): nothing would be left to measure; give a shorter --warm-up");
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
