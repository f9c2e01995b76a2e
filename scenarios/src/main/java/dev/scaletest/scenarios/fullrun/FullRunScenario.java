package dev.scaletest.scenarios.fullrun;

import dev.scaletest.coder.model.WorkspaceAgent;
import dev.scaletest.harness.ExecutionStrategy;
import dev.scaletest.harness.GoDuration;
import dev.scaletest.harness.TestHarness;
import dev.scaletest.scenarios.createworkspaces.CreateWorkspacesScenario;
import dev.scaletest.scenarios.createworkspaces.ReadyWorkspace;
import dev.scaletest.scenarios.run.Phase;
import dev.scaletest.scenarios.run.Plan;
import dev.scaletest.scenarios.run.RunObserver;
import dev.scaletest.scenarios.run.RunSession;
import dev.scaletest.scenarios.run.Scenario;
import dev.scaletest.scenarios.workspacetraffic.TrafficCredentials;
import dev.scaletest.scenarios.workspacetraffic.TrafficMode;
import dev.scaletest.scenarios.workspacetraffic.TrafficStreams;
import dev.scaletest.scenarios.workspacetraffic.TrafficTarget;
import dev.scaletest.scenarios.workspacetraffic.WorkspaceTrafficScenario;
import dev.scaletest.ssh.SshCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code scaletest run}: the create phase of create-workspaces, then one traffic stream through each
 * workspace that came up (this process's own: a shard never waits for, or drives, another's), then
 * the create phase's cleanup. Both measured phases make one report with one verdict: a failed create
 * counts against it, and traffic goes ahead on the workspaces that did come up.
 *
 * <p>Traffic goes as each workspace's owner, with the session token the create run logged in with,
 * so it works where coderd keeps site owners out of other users' workspaces
 * ({@code --disable-owner-workspace-access}); those connections never carry the rate-limit bypass.
 * The cleanup runs whatever traffic did: when traffic cannot even start (an app slug the workspaces
 * lack, an SSH host key known_hosts rejects) every stream counts as failed with the reason, and
 * after Ctrl-C no traffic starts. Only a second Ctrl-C skips it, and the journal keeps what is left.
 */
public final class FullRunScenario implements Scenario {
    private final FullRunConfig config;
    private final Optional<SshCredentials> identity;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** Checks nothing itself ({@link FullRunConfig#validate}); loads the SSH identity file now, so a bad one starts nothing. */
    public FullRunScenario(FullRunConfig config) {
        this.config = config;
        this.identity = config.mix().modes().contains(TrafficMode.SSH) ? config.traffic().sshAccess().loadIdentity() : Optional.empty();
    }

    @Override
    public MeterRegistry meterRegistry() {
        return registry;
    }

    @Override
    public Plan prepare(RunSession session, RunObserver observer) throws Exception {
        CreateWorkspacesScenario create = new CreateWorkspacesScenario(config.create());
        CreateWorkspacesScenario.Phases phases = create.phases(session, observer);
        return Plan.ofSteps(phases.cleanupSkippedHint(), List.of(
                () -> Optional.of(phases.create()),
                () -> traffic(session, observer, create.readyWorkspaces()),
                () -> phases.undo(observer)));
    }

    /** The traffic phase through {@code ready}, decided once the create phase ended. */
    private Optional<Phase> traffic(RunSession session, RunObserver observer, List<ReadyWorkspace> ready) {
        if (session.interrupted()) {
            observer.note("No traffic after the interrupt; cleaning up what was created");
            return Optional.empty();
        }
        List<TrafficStreams.Stream> streams = streams(ready, observer);
        if (streams.isEmpty()) {
            observer.note("No workspace came up: no traffic");
            return Optional.empty();
        }
        observer.note("Sending traffic through " + streams.size() + " workspaces for " + GoDuration.format(config.traffic().duration())
                + " (" + describe(streams) + ")...");
        Map<UUID, String> tokens = new HashMap<>();
        ready.forEach(r -> tokens.put(r.workspace().id(), r.ownerToken()));
        TrafficCredentials asOwners = target -> tokens.get(target.workspace().id());
        Set<TrafficMode> modes = EnumSet.noneOf(TrafficMode.class);
        streams.forEach(s -> modes.add(s.mode()));
        try {
            TrafficStreams traffic = TrafficStreams.open(session, config.traffic(), modes, config.mix().app(), asOwners, identity);
            traffic.checkTargets(streams);
            traffic.checkHostKeys(streams);
            return Optional.of(traffic.phase(streams, registry, () -> {}));
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            observer.note("scaletest: traffic could not start: " + reason + "; every stream counts as failed, and the cleanup still runs");
            return Optional.of(failed(streams, reason));
        }
    }

    /**
     * One stream per ready workspace with an agent, sorted by workspace ID, the modes handed out in
     * that order by the mix; each stream is numbered as the create run that made its workspace.
     */
    private List<TrafficStreams.Stream> streams(List<ReadyWorkspace> ready, RunObserver observer) {
        List<ReadyWorkspace> sorted = new ArrayList<>(ready);
        sorted.sort(Comparator.comparing(r -> r.workspace().id().toString()));
        List<ReadyWorkspace> withAgent = new ArrayList<>();
        List<WorkspaceAgent> agents = new ArrayList<>();
        for (ReadyWorkspace r : sorted) {
            Optional<WorkspaceAgent> agent = r.workspace().latestBuild() == null ? Optional.empty()
                    : r.workspace().latestBuild().trafficAgent();
            if (agent.isEmpty()) {
                observer.note("WARN: skipping workspace " + r.workspace().name() + ": no agent");
                continue;
            }
            withAgent.add(r);
            agents.add(agent.get());
        }
        List<TrafficMode> modes = config.mix().assign(withAgent.size());
        List<TrafficStreams.Stream> streams = new ArrayList<>(withAgent.size());
        for (int i = 0; i < withAgent.size(); i++) {
            ReadyWorkspace r = withAgent.get(i);
            streams.add(new TrafficStreams.Stream(r.index(), new TrafficTarget(r.workspace(), agents.get(i)), modes.get(i)));
        }
        streams.sort(Comparator.comparingInt(TrafficStreams.Stream::index));
        return streams;
    }

    /** {@code terminal 160, ssh 20, app 20}. */
    private static String describe(List<TrafficStreams.Stream> streams) {
        Map<TrafficMode, Long> counts = new EnumMap<>(TrafficMode.class);
        streams.forEach(s -> counts.merge(s.mode(), 1L, Long::sum));
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** Traffic that could not start: each stream's run fails with the reason, so the report and the verdict show it. */
    private static Phase.Measured failed(List<TrafficStreams.Stream> streams, String reason) {
        TestHarness harness = new TestHarness();
        for (TrafficStreams.Stream stream : streams) {
            harness.register(WorkspaceTrafficScenario.TEST_NAME, String.valueOf(stream.index()), context -> {
                throw new IllegalStateException("traffic to " + stream.target().label() + " did not start: " + reason);
            });
        }
        return new Phase.Measured(new Phase.Work(WorkspaceTrafficScenario.TEST_NAME, harness,
                new ExecutionStrategy(0, Duration.ZERO, Optional.empty()), Duration.ZERO), Optional.empty(), Optional.empty(), false,
                () -> {});
    }
}
