package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.coder.model.AppHost;
import dev.scaletest.coder.model.Template;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.harness.ExecutionStrategy;
import dev.scaletest.harness.GoDuration;
import dev.scaletest.harness.Shard;
import dev.scaletest.harness.TestHarness;
import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.StrategyConfig;
import dev.scaletest.scenarios.WorkspaceTargets;
import dev.scaletest.scenarios.prometheus.ScrapeEndpoint;
import dev.scaletest.scenarios.prometheus.WorkspaceTrafficMetrics;
import dev.scaletest.scenarios.run.DeploymentTarget.Precreate;
import dev.scaletest.scenarios.run.Phase;
import dev.scaletest.scenarios.run.Plan;
import dev.scaletest.scenarios.run.RunObserver;
import dev.scaletest.scenarios.run.RunSession;
import dev.scaletest.scenarios.run.Scenario;
import dev.scaletest.scenarios.run.WorkspacePrecreation;
import dev.scaletest.ssh.SshCredentials;
import dev.scaletest.traffic.StartGate;
import dev.scaletest.traffic.TickPayload;
import dev.scaletest.traffic.TickScheduler;
import dev.scaletest.traffic.TrafficStream;
import dev.scaletest.web.JavaWsClient;
import dev.scaletest.web.NettyWsClient;
import dev.scaletest.web.WsClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code workspace-traffic}: one paced echo stream per scaletest workspace (web terminal, SSH or
 * app) for {@code --timeout}, measured with coordinated-omission-corrected echo round trips.
 */
public final class WorkspaceTrafficScenario implements Scenario {
    public static final String TEST_NAME = "workspace-traffic";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration FINISH_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    static final Duration PRECREATE_READY_TIMEOUT = Duration.ofMinutes(2);
    /** Room for connecting, draining and closing a stream on top of the traffic duration. */
    static final Duration STREAM_OVERHEAD = Duration.ofSeconds(60);
    /** Longest hold of the first tick for streams still connecting; fits inside STREAM_OVERHEAD with CONNECT_TIMEOUT. */
    static final Duration START_GATE_MAX_WAIT = Duration.ofSeconds(20);

    private final WorkspaceTrafficConfig config;
    private final Optional<SshCredentials> identity;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** Checks {@code config} and loads the SSH identity file: bad input is found before anything starts. */
    public WorkspaceTrafficScenario(WorkspaceTrafficConfig config) {
        this.config = config.validate();
        this.identity = config.ssh() ? config.sshAccess().identityFile().map(IdentityFile::load) : Optional.empty();
    }

    @Override
    public MeterRegistry meterRegistry() {
        return registry;
    }

    @Override
    public Plan prepare(RunSession session, RunObserver observer) throws Exception {
        ScrapeEndpoint scrape = session.own(startScrape());
        InetSocketAddress scrapeAddress = scrape.address();
        observer.detail("Prometheus metrics at http://" + scrapeAddress.getHostString() + ":" + scrapeAddress.getPort() + "/");
        Optional<Precreate> precreate = session.target().precreate();
        if (precreate.isPresent()) {
            observer.detail("Creating " + precreate.get().count() + " workspaces in " + precreate.get().place() + "...");
            new WorkspacePrecreation(session.admin(), session.me(), PRECREATE_READY_TIMEOUT)
                    .create(precreate.get().template(), precreate.get().count());
        }
        TargetList found = listTargets(session, observer);
        AppHost appHost = session.admin().appHost();
        SshSetup ssh = config.ssh() ? SshSetup.resolve(session, config.sshAccess(), identity) : null;
        WsClient ws = config.ssh() ? null : session.own(webSocketClient());
        OwnerTokens ownerTokens = config.asWorkspaceOwners()
                ? session.own(new OwnerTokens(session.admin(), session.journal(), session.me(), session.endpoint().sessionToken(),
                        session.options().runId(), config.duration(), observer::note))
                : null;
        TrafficTransports transports = new TrafficTransports(config, session.endpoint(), ws, ssh, appHost, CONNECT_TIMEOUT,
                ownerTokens != null ? ownerTokens : TrafficCredentials.caller(session.endpoint().sessionToken()));
        found.check(transports);
        if (ownerTokens != null) {
            mintOwnerTokens(ownerTokens, found.plain(), observer);
        }
        if (ssh != null) {
            ssh.checkHostKey(transports, found.targets());
        }
        TestHarness harness = new TestHarness();
        TrafficRuns runs = register(session, harness, transports, found.targets());
        Phase.Measured traffic = new Phase.Measured(new Phase.Work(TEST_NAME, harness, strategy(), phaseTimeout()),
                Optional.empty(), Optional.of(runs::sample), false,
                // Traffic is over: the tokens go now, not when the report and the scrape wait are done.
                ownerTokens != null ? ownerTokens::close : () -> {});
        String interrupted = ownerTokens == null
                ? "Interrupted; workspace-traffic has nothing to clean up."
                : "Interrupted again; the owners' API tokens are deleted all the same (quick, and they grant access);"
                        + " any left over: scaletest cleanup --journal " + session.options().journalDir();
        return new TrafficPlan(Plan.of(interrupted, traffic), config.prometheus(), registry, session.options().runId(), observer);
    }

    /**
     * The targets, checked as far as the listing allows: a path app coderd keeps from the site
     * owner is bad input, said once before any token is minted or stream started. Other users'
     * workspaces that owner exec being disabled leaves out count too: the same flag drives them.
     */
    private TargetList listTargets(RunSession session, RunObserver observer) throws CoderApiException, InterruptedException {
        WorkspaceTargets wanted = resolveTemplate(session);
        observer.coderLine("Fetching scaletest workspaces...");
        TrafficTargets finder = new TrafficTargets(session.admin(), observer::note);
        TrafficTargets.Found found = finder.find(wanted, config.asWorkspaceOwners());
        Optional<PathAppRule> pathApps = config.app().isPresent() && !config.asWorkspaceOwners()
                ? Optional.of(new PathAppRule(session.me().id(), session.admin().deploymentConfig()))
                : Optional.empty();
        pathApps.ifPresent(rule -> rule.check(config.app().get(), found.skippedTargets()));
        Optional<Shard> shard = session.options().shard();
        List<TrafficTargets.Indexed> targets = finder.slice(found, wanted, shard);
        shard.ifPresent(s -> observer.detail(s.label() + ": traffic through " + targets.size() + " of the "
                + found.listing().workspaces().size() + " workspaces listed (each shard takes those it owns by workspace ID)"));
        return new TargetList(targets, config.app(), pathApps);
    }

    /** The sliced targets and the path-app rule still to check them against. */
    private record TargetList(List<TrafficTargets.Indexed> targets, Optional<String> app, Optional<PathAppRule> pathApps) {
        List<TrafficTarget> plain() {
            return targets.stream().map(TrafficTargets.Indexed::target).toList();
        }

        /** A wrong --app slug or a path app coderd refuses is bad input too. */
        void check(TrafficTransports transports) {
            List<TrafficTarget> plain = plain();
            plain.forEach(transports::checkTarget);
            pathApps.ifPresent(rule -> rule.check(app.orElseThrow(), plain));
        }
    }

    private TrafficRuns register(RunSession session, TestHarness harness, TrafficTransports transports,
            List<TrafficTargets.Indexed> targets) {
        TickScheduler scheduler = session.own(new TickScheduler(config.tickInterval()));
        TickPayload payload = new TickPayload(config.bytesPerTick());
        TrafficStream.Settings settings = new TrafficStream.Settings(config.duration(),
                CONNECT_TIMEOUT, FINISH_TIMEOUT, DRAIN_TIMEOUT, transports.echoShape());
        TrafficRuns runs = new TrafficRuns(session, new WorkspaceTrafficMetrics(registry), transports, scheduler, payload, settings,
                startGate(targets.size()));
        for (TrafficTargets.Indexed indexed : targets) {
            String fullId = TEST_NAME + "/" + indexed.index();
            harness.register(TEST_NAME, String.valueOf(indexed.index()), context -> runs.run(fullId, indexed.target(), context.log()));
        }
        return runs;
    }

    private void mintOwnerTokens(OwnerTokens tokens, List<TrafficTarget> targets, RunObserver observer) throws InterruptedException {
        try {
            int minted = tokens.mint(targets.stream().map(TrafficTarget::workspace).toList());
            if (minted > 0) {
                observer.detail("Minted " + minted + " API tokens (one per workspace owner, valid for "
                        + GoDuration.format(tokens.lifetime()) + "); traffic goes as each workspace's owner");
            }
        } catch (CoderApiException e) {
            throw new ConfigException("--as-workspace-owners: minting a token: " + e.firstLine());
        }
    }

    /**
     * Traffic lasts the whole {@code --timeout}, so a job deadline shorter than that (Coder's
     * default --job-timeout is 5m, a --timeout of 10m is common) would cut every stream short by
     * accident: each job gets at least the traffic duration plus room to connect and close.
     */
    private ExecutionStrategy strategy() {
        return config.strategy().withJobTimeoutAtLeast(config.duration().plus(STREAM_OVERHEAD)).toExecutionStrategy();
    }

    /** --timeout is the traffic duration, so the phase gets the same room as each job. */
    private Duration phaseTimeout() {
        return config.duration().plus(STREAM_OVERHEAD);
    }

    /**
     * Coder resolves --template only to validate it and then filters workspaces by the name as
     * typed; a UUID would match nothing, so the filter uses the resolved template's name instead.
     */
    private WorkspaceTargets resolveTemplate(RunSession session) throws InterruptedException {
        WorkspaceTargets targets = config.targets();
        if (targets.template().isEmpty()) {
            return targets;
        }
        Template template = session.resolveTemplate(targets.template().get());
        return new WorkspaceTargets(Optional.of(template.name()), targets.range(), targets.useHostLogin());
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

    private ScrapeEndpoint startScrape() {
        try {
            return ScrapeEndpoint.start(registry, config.prometheus().listenAddress());
        } catch (IOException e) {
            throw new ConfigException("cannot serve Prometheus metrics on " + config.prometheus().address() + ": " + e.getMessage());
        }
    }

    private WsClient webSocketClient() {
        return switch (config.webSocketClient()) {
            case NETTY -> new NettyWsClient();
            case JAVA_WEBSOCKET -> new JavaWsClient();
        };
    }
}
