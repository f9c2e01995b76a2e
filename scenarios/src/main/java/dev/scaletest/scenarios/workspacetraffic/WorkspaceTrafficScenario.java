package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.cli.CommonOptions;
import dev.scaletest.cli.progress.LiveProgress;
import dev.scaletest.cli.progress.TrafficSample;
import dev.scaletest.coder.model.AppHost;
import dev.scaletest.coder.model.Template;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.harness.ExecutionStrategy;
import dev.scaletest.harness.GoDuration;
import dev.scaletest.harness.Results;
import dev.scaletest.harness.RunCancellation;
import dev.scaletest.harness.TestHarness;
import dev.scaletest.metrics.EventCounter;
import dev.scaletest.reports.MetricNames;
import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.RunSession;
import dev.scaletest.scenarios.TemplateFlag;
import dev.scaletest.scenarios.WorkspaceTargets;
import dev.scaletest.scenarios.StrategyConfig;
import dev.scaletest.scenarios.prometheus.ListenAddress;
import dev.scaletest.scenarios.prometheus.PushgatewayPush;
import dev.scaletest.scenarios.prometheus.ScrapeEndpoint;
import dev.scaletest.scenarios.prometheus.ScrapeWait;
import dev.scaletest.scenarios.prometheus.WorkspaceTrafficMetrics;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.ssh.HostKeyPolicy;
import dev.scaletest.ssh.SharedSshClient;
import dev.scaletest.ssh.SshCredentials;
import dev.scaletest.ssh.SshRoute;
import dev.scaletest.traffic.StartGate;
import dev.scaletest.traffic.StreamFailure;
import dev.scaletest.traffic.StreamTransport;
import dev.scaletest.traffic.TickPayload;
import dev.scaletest.traffic.TickScheduler;
import dev.scaletest.traffic.TrafficStream;
import dev.scaletest.traffic.TrafficStreamResult;
import dev.scaletest.web.JavaWsClient;
import dev.scaletest.web.NettyWsClient;
import dev.scaletest.web.WsClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code workspace-traffic}: one paced echo stream per scaletest workspace (web terminal, SSH or
 * app) for {@code --timeout}, measured with coordinated-omission-corrected echo round trips.
 */
public final class WorkspaceTrafficScenario {
    public static final String TEST_NAME = "workspace-traffic";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration FINISH_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
    static final Duration EMBEDDED_READY_TIMEOUT = Duration.ofMinutes(2);
    /** Room for connecting, draining and closing a stream on top of the traffic duration. */
    static final Duration STREAM_OVERHEAD = Duration.ofSeconds(60);
    /** Longest hold of the first tick for streams still connecting; fits inside STREAM_OVERHEAD with CONNECT_TIMEOUT. */
    static final Duration START_GATE_MAX_WAIT = Duration.ofSeconds(20);

    private final WorkspaceTrafficConfig config;
    private final CommonOptions common;
    private final PrintStream out;
    private final PrintStream err;

    public WorkspaceTrafficScenario(WorkspaceTrafficConfig config, CommonOptions common, PrintStream out, PrintStream err) {
        this.config = config;
        this.common = common;
        this.out = out;
        this.err = err;
    }

    public int run() throws Exception {
        config.validate();
        Optional<SshCredentials> identity = config.ssh() ? config.sshAccess().identityFile().map(IdentityFile::load) : Optional.empty();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (RunSession session = RunSession.open(common, registry, out, err)) {
            ScrapeEndpoint scrape = session.own(startScrape(registry));
            if (!common.quiet()) {
                err.println("Prometheus metrics at http://" + scrape.address().getHostString() + ":" + scrape.address().getPort() + "/");
            }
            Optional<Simulator> simulator = session.simulator();
            if (simulator.isPresent()) {
                if (!common.quiet()) {
                    err.println("Creating " + config.embeddedWorkspaces() + " workspaces in the built-in simulator...");
                }
                new EmbeddedWorkspaces(session.admin(), session.me(), EMBEDDED_READY_TIMEOUT)
                        .create(simulator.get().templateName(), config.embeddedWorkspaces());
            }

            WorkspaceTargets wanted = resolveTemplate(session);
            out.println("Fetching scaletest workspaces...");
            TrafficTargets finder = new TrafficTargets(session.admin(), err);
            TrafficTargets.Found found = finder.find(wanted, config.asWorkspaceOwners());
            // A path app coderd keeps from the site owner is bad input: say so once, before any
            // token is minted or stream started. Other users' workspaces that owner exec being
            // disabled leaves out count too: the same flag drives them.
            Optional<PathAppRule> pathApps = config.app().isPresent() && !config.asWorkspaceOwners()
                    ? Optional.of(new PathAppRule(session.me().id(), session.admin().deploymentConfig()))
                    : Optional.empty();
            pathApps.ifPresent(rule -> rule.check(config.app().get(), found.skippedTargets()));
            List<TrafficTargets.Indexed> targets = finder.slice(found, wanted);
            AppHost appHost = session.admin().appHost();

            TrafficTransports.SshSetup ssh = config.ssh() ? sshSetup(session, identity) : null;
            WsClient ws = config.ssh() ? null : session.own(webSocketClient());
            OwnerTokens ownerTokens = config.asWorkspaceOwners()
                    ? session.own(new OwnerTokens(session.admin(), session.journal(), session.me(), session.endpoint().sessionToken(),
                            common.runId(), config.duration(), err))
                    : null;
            TrafficTransports transports = new TrafficTransports(config, session.endpoint(), ws, ssh, appHost, CONNECT_TIMEOUT,
                    ownerTokens != null ? ownerTokens : TrafficCredentials.caller(session.endpoint().sessionToken()));
            // A wrong --app slug is bad input too.
            List<TrafficTarget> plain = targets.stream().map(TrafficTargets.Indexed::target).toList();
            plain.forEach(transports::checkTarget);
            pathApps.ifPresent(rule -> rule.check(config.app().get(), plain));
            if (ownerTokens != null) {
                mintOwnerTokens(ownerTokens, plain);
            }
            if (ssh != null) {
                checkSshHostKey(ssh, transports, targets);
            }
            TickScheduler scheduler = session.own(new TickScheduler(config.tickInterval()));
            TickPayload payload = new TickPayload(config.bytesPerTick());
            TrafficStream.Settings settings = new TrafficStream.Settings(config.duration(),
                    CONNECT_TIMEOUT, FINISH_TIMEOUT, DRAIN_TIMEOUT, transports.echoShape());

            TestHarness harness = new TestHarness();
            TrafficRuns runs = new TrafficRuns(session, new WorkspaceTrafficMetrics(registry), transports, scheduler, payload, settings,
                    startGate(targets.size()));
            for (TrafficTargets.Indexed indexed : targets) {
                String fullId = TEST_NAME + "/" + indexed.index();
                harness.register(TEST_NAME, String.valueOf(indexed.index()), context -> runs.run(fullId, indexed.target(), context.log()));
            }

            RunCancellation cancellation = new RunCancellation(err, ownerTokens == null
                    ? "Interrupted; workspace-traffic has nothing to clean up."
                    : "Interrupted again; the owners' API tokens are deleted all the same (quick, and they grant access);"
                            + " any left over: scaletest cleanup --journal " + common.journalDir());
            cancellation.installSignalHandlers();
            Results results;
            try (LiveProgress progress = common.liveProgress(err).start();
                    LiveProgress.Feed feed = progress.traffic(TEST_NAME, runs::sample)) {
                results = harness.run(strategy(), phaseTimeout(), cancellation.runPhase());
            }
            if (ownerTokens != null) {
                // Traffic is over: the tokens go now, not when the report and the scrape wait are done.
                ownerTokens.close();
            }
            // Interrupted or not, the results of every stream are written (Coder's tool skips them on
            // Ctrl-C; scaletest's exit code table promises them). The wait for a last scrape is for
            // runs that ended by themselves: after Ctrl-C, and on a Ctrl-C during it, the command exits.
            int exit = session.report(results);
            if (!cancellation.interrupted()) {
                awaitScrape(cancellation);
            }
            push(registry);
            return cancellation.exitCode(exit);
        }
    }

    /** Waits --scaletest-prometheus-wait, unless Ctrl-C ends the wait early. */
    private void awaitScrape(RunCancellation cancellation) {
        Thread waiting = Thread.currentThread();
        try (var onInterrupt = cancellation.runPhase().onCancel(waiting::interrupt)) {
            new ScrapeWait(err).await(config.prometheus().scrapeWait());
        } catch (InterruptedException e) {
            // Ctrl-C: the results are written, nothing is left to wait for.
        }
        // A Ctrl-C just as the wait ended must not interrupt what follows.
        Thread.interrupted();
    }

    private void mintOwnerTokens(OwnerTokens tokens, List<TrafficTarget> targets) throws InterruptedException {
        try {
            int minted = tokens.mint(targets.stream().map(TrafficTarget::workspace).toList());
            if (!common.quiet() && minted > 0) {
                err.println("Minted " + minted + " API tokens (one per workspace owner, valid for "
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

    /**
     * Coder resolves --template only to validate it and then filters workspaces by the name as
     * typed; a UUID would match nothing, so the filter uses the resolved template's name instead.
     */
    private WorkspaceTargets resolveTemplate(RunSession session) throws InterruptedException {
        WorkspaceTargets targets = config.targets();
        if (targets.template().isEmpty()) {
            return targets;
        }
        Template template = TemplateFlag.resolve(session, targets.template().get());
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

    /** --timeout is the traffic duration, so the phase gets the same room as each job. */
    private Duration phaseTimeout() {
        return config.duration().plus(STREAM_OVERHEAD);
    }

    private ScrapeEndpoint startScrape(PrometheusMeterRegistry registry) {
        try {
            return ScrapeEndpoint.start(registry, ListenAddress.parse(config.prometheus().address()));
        } catch (IOException e) {
            throw new ConfigException("cannot serve Prometheus metrics on " + config.prometheus().address() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--scaletest-prometheus-address: " + e.getMessage());
        }
    }

    private void push(PrometheusMeterRegistry registry) throws InterruptedException {
        if (config.prometheus().pushUrl().isEmpty()) {
            return;
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            new PushgatewayPush(http, config.prometheus().pushUrl().get()).push(registry, common.runId());
        } catch (IOException e) {
            err.println("scaletest: pushing metrics to " + config.prometheus().pushUrl().get() + ": " + e.getMessage());
        }
    }

    private WsClient webSocketClient() {
        return switch (config.webSocketClient()) {
            case NETTY -> new NettyWsClient();
            case JAVA_WEBSOCKET -> new JavaWsClient();
        };
    }

    /**
     * Route, credentials and host key policy of an SSH run (the rules per route are
     * {@link SshRouteKind}'s). The session token is a password only for the built-in simulator or
     * with --ssh-password-from-token.
     */
    private TrafficTransports.SshSetup sshSetup(RunSession session, Optional<SshCredentials> identity) throws IOException {
        SshAccess access = config.sshAccess();
        Optional<Simulator> simulator = session.simulator();
        SshRouteKind kind = SshRouteKind.of(access, simulator.isPresent());
        SshRoute.Direct address = kind == SshRouteKind.BUILT_IN_SIMULATOR
                ? SshRoute.direct(simulator.get().sshAddress().getHostString(), simulator.get().sshAddress().getPort())
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
            hostKeys = HostKeyPolicy.knownHosts(simulatorKnownHosts(session, simulator.get()));
        } else {
            try {
                hostKeys = HostKeyPolicy.knownHosts(access.knownHosts())
                        .withRejectionAdvice("add the server's key there or pass --ssh-insecure-accept-any-host-key");
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage() + "; pass --ssh-known-hosts FILE or --ssh-insecure-accept-any-host-key");
            }
        }
        SharedSshClient client = session.own(SharedSshClient.start());
        return new TrafficTransports.SshSetup(client, kind, address, access, credentials, hostKeys);
    }

    /**
     * With --ssh-address every stream goes to the one server: a host key that known_hosts does not
     * accept is bad input, said once before traffic, rather than one error per stream. Through a
     * proxy command each workspace is a server of its own, so each stream reports its own.
     */
    private void checkSshHostKey(TrafficTransports.SshSetup ssh, TrafficTransports transports,
            List<TrafficTargets.Indexed> targets) throws InterruptedException {
        if (ssh.route() != SshRouteKind.ADDRESS || ssh.hostKeys().acceptsAnyHostKey() || targets.isEmpty()) {
            return;
        }
        Optional<String> rejection = transports.sshHostKeyRejection(targets.getFirst().target());
        if (rejection.isPresent()) {
            throw new ConfigException(rejection.get());
        }
    }

    /** The built-in simulator's host key in a known_hosts file that lives as long as the session. */
    private static Path simulatorKnownHosts(RunSession session, Simulator simulator) throws IOException {
        Path file = Files.createTempFile("scaletest-known-hosts", "");
        Files.writeString(file, simulator.sshKnownHostsLine() + "\n", StandardCharsets.UTF_8);
        session.own(() -> Files.deleteIfExists(file));
        return file;
    }

    /** What every traffic run shares, and the body of one run. */
    private static final class TrafficRuns {
        private final RunSession session;
        private final WorkspaceTrafficMetrics prometheus;
        private final TrafficTransports transports;
        private final TickScheduler scheduler;
        private final TickPayload payload;
        private final TrafficStream.Settings settings;
        private final StartGate gate;
        private final EventCounter streams;
        private final EventCounter bytesTarget;
        private final AtomicLong active = new AtomicLong();
        private final long startNanos = System.nanoTime();

        TrafficRuns(RunSession session, WorkspaceTrafficMetrics prometheus, TrafficTransports transports,
                TickScheduler scheduler, TickPayload payload, TrafficStream.Settings settings, StartGate gate) {
            this.gate = gate;
            this.session = session;
            this.prometheus = prometheus;
            this.transports = transports;
            this.scheduler = scheduler;
            this.payload = payload;
            this.settings = settings;
            this.streams = session.metrics().counter(MetricNames.TRAFFIC_STREAMS);
            this.bytesTarget = session.metrics().counter(MetricNames.TRAFFIC_BYTES_TARGET);
            session.metrics().gauge(MetricNames.STREAMS_ACTIVE, active::get);
        }

        /**
         * A live reading: bytes the plan called for so far (streams started, each for the time
         * elapsed, capped at the duration), bytes echoed back, the last interval's echo p95.
         */
        TrafficSample sample() {
            long elapsed = Math.min(System.nanoTime() - startNanos, settings.duration().toNanos());
            long planned = streams.total() * (elapsed / scheduler.tickInterval().toNanos()) * payload.length();
            long delivered = session.metrics().counterTotal(MetricNames.TRAFFIC_BYTES_READ);
            Duration p95 = session.metrics().latestInterval()
                    .map(i -> i.latencies().get(MetricNames.ECHO_RTT))
                    .filter(h -> h.getTotalCount() > 0)
                    .map(h -> Duration.ofNanos(h.getValueAtPercentile(95) * 1000))
                    .orElse(Duration.ZERO);
            long errors = session.errors().snapshot().stream().mapToLong(e -> e.count()).sum();
            return new TrafficSample((int) active.get(), planned, Math.min(delivered, planned), p95, errors);
        }

        void run(String fullId, TrafficTarget target, dev.scaletest.harness.RunLog log) throws Exception {
            MeteredTrafficRecorder recorder = new MeteredTrafficRecorder(session.metrics(),
                    prometheus.stream(target.ownerName(), target.workspaceName(), target.agentName()), session.errors(), fullId);
            StreamTransport transport;
            try {
                transport = transports.forTarget(target);
            } catch (RuntimeException e) {
                gate.withdraw();
                throw e;
            }
            TrafficStream stream = new TrafficStream(transport, scheduler, payload, recorder, settings, gate);
            long planned = settings.duration().toNanos() / scheduler.tickInterval().toNanos();
            streams.increment();
            bytesTarget.add(planned * payload.length());
            log.println("sending " + payload.length() + " bytes per tick to " + target.label() + " for " + settings.duration());
            active.incrementAndGet();
            try {
                TrafficStreamResult result = stream.run();
                log.println(String.format(Locale.ROOT, "ticks planned %d, sent %d, echoed %d, lost %d; bytes written %d, read %d; reconnects %d; delivery %.4f",
                        result.ticksPlanned(), result.ticksSent(), result.ticksEchoed(), result.ticksLost(),
                        result.bytesWritten(), result.bytesRead(), result.reconnects(), result.delivery()));
            } catch (StreamFailure failure) {
                throw new IllegalStateException("traffic to " + target.label() + ": " + failure.getMessage(), failure);
            } finally {
                active.decrementAndGet();
            }
        }
    }
}
