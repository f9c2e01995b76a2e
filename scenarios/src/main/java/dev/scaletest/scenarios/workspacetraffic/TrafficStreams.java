package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.coder.model.AppHost;
import dev.scaletest.harness.ExecutionStrategy;
import dev.scaletest.harness.TestHarness;
import dev.scaletest.scenarios.StrategyConfig;
import dev.scaletest.scenarios.prometheus.WorkspaceTrafficMetrics;
import dev.scaletest.scenarios.run.Phase;
import dev.scaletest.scenarios.run.RunSession;
import dev.scaletest.ssh.SshCredentials;
import dev.scaletest.traffic.StartGate;
import dev.scaletest.traffic.TickPayload;
import dev.scaletest.traffic.TickScheduler;
import dev.scaletest.web.JavaWsClient;
import dev.scaletest.web.NettyWsClient;
import dev.scaletest.web.WsClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The traffic phase: one paced echo stream per target, each in its {@link TrafficMode}, every
 * stream for the traffic duration, measured into the session. workspace-traffic builds it for the
 * workspaces it lists, all in the mode its flags chose; {@code scaletest run} for the workspaces its
 * create phase brought up, in a mix of modes. Opening it sets up what the modes need (one WebSocket
 * client for terminal and app streams, the SSH client and route, the app host) and the transports,
 * whose token for each target {@link TrafficCredentials} decides.
 */
public final class TrafficStreams {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration FINISH_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    /** Room for connecting, draining and closing a stream on top of the traffic duration. */
    static final Duration STREAM_OVERHEAD = Duration.ofSeconds(60);
    /** Longest hold of the first tick for streams still connecting; fits inside STREAM_OVERHEAD with CONNECT_TIMEOUT. */
    static final Duration START_GATE_MAX_WAIT = Duration.ofSeconds(20);

    /** One stream: its target, its mode, and the number its run is named by ({@code workspace-traffic/<index>}). */
    public record Stream(int index, TrafficTarget target, TrafficMode mode) {}

    private final RunSession session;
    private final WorkspaceTrafficConfig config;
    private final Map<TrafficMode, TrafficTransports> transports;
    private final SshSetup ssh;

    private TrafficStreams(RunSession session, WorkspaceTrafficConfig config, Map<TrafficMode, TrafficTransports> transports,
            SshSetup ssh) {
        this.session = session;
        this.config = config;
        this.transports = transports;
        this.ssh = ssh;
    }

    /**
     * Sets up the transports of {@code modes}: {@code config}'s settings in each mode, with the token
     * {@code credentials} names for each target.
     *
     * @param appSlug  the app {@link TrafficMode#APP} streams go to
     * @param identity the SSH key already loaded from {@code --ssh-identity-file}, if any
     */
    public static TrafficStreams open(RunSession session, WorkspaceTrafficConfig config, Set<TrafficMode> modes,
            Optional<String> appSlug, TrafficCredentials credentials, Optional<SshCredentials> identity) throws Exception {
        AppHost appHost = modes.contains(TrafficMode.APP) ? session.admin().appHost() : null;
        SshSetup ssh = modes.contains(TrafficMode.SSH) ? SshSetup.resolve(session, config.sshAccess(), identity) : null;
        WsClient ws = modes.contains(TrafficMode.TERMINAL) || modes.contains(TrafficMode.APP)
                ? session.own(webSocketClient(config.webSocketClient())) : null;
        Map<TrafficMode, TrafficTransports> transports = new EnumMap<>(TrafficMode.class);
        for (TrafficMode mode : modes) {
            transports.put(mode, new TrafficTransports(config.inMode(mode, appSlug), session.endpoint(), ws,
                    mode == TrafficMode.SSH ? ssh : null, appHost, CONNECT_TIMEOUT, credentials));
        }
        return new TrafficStreams(session, config, transports, ssh);
    }

    /** A wrong {@code --app} slug is bad input, found before any stream starts. */
    public void checkTargets(List<Stream> streams) {
        streams.forEach(s -> transports(s.mode()).checkTarget(s.target()));
    }

    /** With {@code --ssh-address} a host key known_hosts rejects is bad input, said once before traffic. */
    public void checkHostKeys(List<Stream> streams) throws InterruptedException {
        if (ssh != null) {
            ssh.checkHostKey(transports(TrafficMode.SSH),
                    streams.stream().filter(s -> s.mode() == TrafficMode.SSH).map(Stream::target).toList());
        }
    }

    /**
     * The measured phase of {@code streams} ({@code workspace-traffic/<index>} each), metered into
     * the session and into {@code registry}'s Coder series.
     *
     * @param afterRuns done as soon as the streams ended, before the report
     */
    public Phase.Measured phase(List<Stream> streams, PrometheusMeterRegistry registry, Runnable afterRuns) {
        TickScheduler scheduler = session.own(new TickScheduler(config.tickInterval()));
        TickPayload payload = new TickPayload(config.bytesPerTick());
        TrafficRuns runs = new TrafficRuns(session, new WorkspaceTrafficMetrics(registry), transports, scheduler, payload,
                config.duration(), startGate(streams.size()), config.warmUpWindow());
        TestHarness harness = new TestHarness();
        for (Stream stream : streams) {
            String id = String.valueOf(stream.index());
            String fullId = WorkspaceTrafficScenario.TEST_NAME + "/" + id;
            harness.register(WorkspaceTrafficScenario.TEST_NAME, id,
                    context -> runs.run(fullId, stream.target(), stream.mode(), context.log()));
        }
        return new Phase.Measured(new Phase.Work(WorkspaceTrafficScenario.TEST_NAME, harness, strategy(), phaseTimeout()),
                Optional.empty(), Optional.of(runs::sample), false, afterRuns);
    }

    private TrafficTransports transports(TrafficMode mode) {
        TrafficTransports t = transports.get(mode);
        if (t == null) {
            throw new IllegalArgumentException("no " + mode + " transports were opened for this phase");
        }
        return t;
    }

    /**
     * Traffic lasts the whole duration, so a job deadline shorter than that (Coder's default
     * --job-timeout is 5m, a --timeout of 10m is common) would cut every stream short by accident:
     * each job gets at least the traffic duration plus room to connect and close.
     */
    private ExecutionStrategy strategy() {
        return config.strategy().withJobTimeoutAtLeast(config.duration().plus(STREAM_OVERHEAD)).toExecutionStrategy();
    }

    /** The phase gets the same room as each job. */
    private Duration phaseTimeout() {
        return config.duration().plus(STREAM_OVERHEAD);
    }

    /**
     * When every stream starts at once, ticks begin only once all are connected (or
     * {@link #START_GATE_MAX_WAIT} passed), so early streams do not run alone while others connect.
     * Streams started one by one or at a set rate are never held.
     */
    private StartGate startGate(int streams) {
        StrategyConfig s = config.strategy();
        boolean together = s.ratePerSecond().isEmpty() && (s.concurrency() == 0 || s.concurrency() >= streams);
        return together ? new StartGate(streams, START_GATE_MAX_WAIT) : StartGate.open();
    }

    private static WsClient webSocketClient(WebSocketClientKind kind) {
        return switch (kind) {
            case NETTY -> new NettyWsClient();
            case JAVA_WEBSOCKET -> new JavaWsClient();
        };
    }
}
