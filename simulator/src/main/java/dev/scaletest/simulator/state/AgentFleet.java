package dev.scaletest.simulator.state;

import dev.scaletest.simulator.Distribution;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.SimulatorStats;
import dev.scaletest.simulator.agent.AgentTarget;
import dev.scaletest.simulator.wire.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The workspace agents: one per succeeded start build, which connects and then becomes ready
 * after the configured connect time, unless the {@code agentsNeverConnect} fault holds it back,
 * and which disconnects when a later build of its workspace succeeds. Separate from the
 * workspaces because agents live on a timeline of their own: their two timer callbacks run on the
 * provisioner scheduler and take the {@link Deployment} lock themselves; every other method is
 * unsynchronized and called only under that lock.
 */
final class AgentFleet {
    private final Object lock;
    private final UserDirectory users;
    private final Distribution connectTime;
    private final SimulatorStats stats;
    private final ScheduledExecutorService scheduler;
    private final Supplier<Faults> faults;
    private final Map<UUID, AgentState> agents = new ConcurrentHashMap<>();

    AgentFleet(Object lock, UserDirectory users, Distribution connectTime, SimulatorStats stats,
               ScheduledExecutorService scheduler, Supplier<Faults> faults) {
        this.lock = lock;
        this.users = users;
        this.connectTime = connectTime;
        this.stats = stats;
        this.scheduler = scheduler;
        this.faults = faults;
    }

    /** The agent of a succeeded start build: connecting now, connected and ready on the scheduler. */
    void start(BuildState build, Instant now) {
        build.resourceId = UUID.randomUUID();
        AgentState agent = new AgentState(UUID.randomUUID(), TemplateDefinition.AGENT_NAME, build.resourceId, build, now);
        build.agents.add(agent);
        agents.put(agent.id, agent);
        if (faults.get().agentsNeverConnect()) {
            stats.faultsInjected.increment();
            return;
        }
        Duration connect = connectTime.sample(ThreadLocalRandom.current());
        try {
            scheduler.schedule(() -> connect(agent), connect.toNanos(), TimeUnit.NANOSECONDS);
            scheduler.schedule(() -> ready(agent), connect.toNanos() + connect.toNanos() / 2, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // the simulator is closing; the agent stays connecting
        }
    }

    /** A build of the workspace succeeded: the agents of its earlier builds go away. */
    void disconnectEarlierBuilds(BuildState build, Instant now) {
        for (BuildState earlier : build.workspace.builds) {
            if (earlier != build) {
                earlier.agents.forEach(a -> disconnect(a, now));
            }
        }
    }

    /**
     * {@code GET /workspaceagents/{agent}}: readable by the workspace's owner and by site owners
     * (reading is not connecting: {@code --disable-owner-workspace-access} leaves it alone). Unknown
     * agents and agents the caller may not read get coderd's one 404, so existence does not leak.
     */
    AgentState readable(UUID caller, UUID agentId) {
        AgentState agent = agents.get(agentId);
        if (agent == null || agent.build.workspace.deleted
                || !(agent.build.workspace.owner.id.equals(caller) || users.isSiteOwner(caller))) {
            throw new ApiException(404, "Agent doesn't exist with that id, or you do not have access to it.");
        }
        return agent;
    }

    /** The agent with this id, when its workspace exists and is not deleted. */
    Optional<AgentTarget> target(UUID agentId) {
        AgentState agent = agents.get(agentId);
        if (agent == null || agent.build.workspace.deleted) {
            return Optional.empty();
        }
        return Optional.of(target(agent));
    }

    /** The agent of the workspace's latest build that has one. */
    Optional<AgentTarget> latestOf(WorkspaceState workspace) {
        for (int i = workspace.builds.size() - 1; i >= 0; i--) {
            BuildState build = workspace.builds.get(i);
            if (!build.agents.isEmpty()) {
                return Optional.of(target(build.agents.get(0)));
            }
        }
        return Optional.empty();
    }

    /** Connected agents of live workspaces. */
    int connected() {
        return (int) agents.values().stream()
                .filter(a -> "connected".equals(a.status) && !a.build.workspace.deleted).count();
    }

    private static AgentTarget target(AgentState agent) {
        WorkspaceState workspace = agent.build.workspace;
        return new AgentTarget(agent.id, agent.name, workspace.id, workspace.name, workspace.owner.id,
                workspace.owner.username, agent.status, List.of(TemplateDefinition.APP_SLUG));
    }

    private void connect(AgentState agent) {
        synchronized (lock) {
            if (!"connecting".equals(agent.status)) {
                return;
            }
            Instant now = Instant.now();
            agent.status = "connected";
            agent.lifecycle = "starting";
            agent.firstConnectedAt = now;
            agent.lastConnectedAt = now;
            agent.startedAt = now;
            agent.updatedAt = now;
        }
    }

    private void ready(AgentState agent) {
        synchronized (lock) {
            if ("connected".equals(agent.status) && "starting".equals(agent.lifecycle)) {
                agent.lifecycle = "ready";
                agent.readyAt = Instant.now();
                agent.updatedAt = agent.readyAt;
            }
        }
    }

    private static void disconnect(AgentState agent, Instant now) {
        if (!"disconnected".equals(agent.status)) {
            agent.status = "disconnected";
            agent.lifecycle = "off";
            agent.disconnectedAt = now;
            agent.updatedAt = now;
        }
    }
}
