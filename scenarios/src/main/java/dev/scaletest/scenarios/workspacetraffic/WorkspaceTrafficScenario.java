package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.coder.model.Template;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.harness.GoDuration;
import dev.scaletest.harness.Shard;
import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.WorkspaceTargets;
import dev.scaletest.scenarios.prometheus.ScrapeEndpoint;
import dev.scaletest.scenarios.run.DeploymentTarget.Precreate;
import dev.scaletest.scenarios.run.Phase;
import dev.scaletest.scenarios.run.Plan;
import dev.scaletest.scenarios.run.RunObserver;
import dev.scaletest.scenarios.run.RunSession;
import dev.scaletest.scenarios.run.Scenario;
import dev.scaletest.scenarios.run.WorkspacePrecreation;
import dev.scaletest.ssh.SshCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code workspace-traffic}: one paced echo stream per scaletest workspace (web terminal, SSH or
 * app) for {@code --timeout}, measured with coordinated-omission-corrected echo round trips.
 */
public final class WorkspaceTrafficScenario implements Scenario {
    public static final String TEST_NAME = "workspace-traffic";
    static final Duration PRECREATE_READY_TIMEOUT = Duration.ofMinutes(2);

    private final WorkspaceTrafficConfig config;
    private final Optional<SshCredentials> identity;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** Checks {@code config} and loads the SSH identity file: bad input is found before anything starts. */
    public WorkspaceTrafficScenario(WorkspaceTrafficConfig config) {
        this.config = config.validate();
        this.identity = config.ssh() ? config.sshAccess().loadIdentity() : Optional.empty();
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
        OwnerTokens ownerTokens = config.asWorkspaceOwners()
                ? session.own(new OwnerTokens(session.admin(), session.journal(), session.me(), session.endpoint().sessionToken(),
                        session.options().runId(), config.duration(), observer::note))
                : null;
        TrafficStreams streams = TrafficStreams.open(session, config, Set.of(config.mode()), config.app(),
                ownerTokens != null ? ownerTokens : TrafficCredentials.caller(session.endpoint().sessionToken()), identity);
        List<TrafficStreams.Stream> all = found.targets().stream()
                .map(t -> new TrafficStreams.Stream(t.index(), t.target(), config.mode())).toList();
        streams.checkTargets(all);
        found.checkPathApps();
        if (ownerTokens != null) {
            mintOwnerTokens(ownerTokens, found.plain(), observer);
        }
        streams.checkHostKeys(all);
        // Traffic is over: the tokens go now, not when the report and the scrape wait are done.
        Phase.Measured traffic = streams.phase(all, registry, ownerTokens != null ? ownerTokens::close : () -> {});
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

        /** A path app coderd refuses the site owner is bad input too. */
        void checkPathApps() {
            pathApps.ifPresent(rule -> rule.check(app.orElseThrow(), plain()));
        }
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

    private ScrapeEndpoint startScrape() {
        try {
            return ScrapeEndpoint.start(registry, config.prometheus().listenAddress());
        } catch (IOException e) {
            throw new ConfigException("cannot serve Prometheus metrics on " + config.prometheus().address() + ": " + e.getMessage());
        }
    }
}
