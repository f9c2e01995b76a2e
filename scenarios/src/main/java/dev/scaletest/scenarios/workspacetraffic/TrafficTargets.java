package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.ScaletestWorkspaces;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.coder.model.WorkspaceAgent;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.harness.Shard;
import dev.scaletest.scenarios.WorkspaceTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Lists the scaletest workspaces the traffic goes to: the server's list, sliced by
 * {@code --target-workspaces}, each with the agent traffic is sent to. A workspace without an
 * agent is skipped with a warning but keeps its index, so run names match Coder's.
 */
public final class TrafficTargets {
    private final CoderClient client;
    private final Consumer<String> warnings;

    /** @param warnings where the lines about left-out workspaces go (stderr in the CLI) */
    public TrafficTargets(CoderClient client, Consumer<String> warnings) {
        this.client = client;
        this.warnings = warnings;
    }

    /** A target and its index in the sliced list (the run is {@code workspace-traffic/<index>}). */
    public record Indexed(int index, TrafficTarget target) {}

    /**
     * What the server listed: the workspaces to slice, and other users' workspaces left out
     * because the deployment disables owner exec (never with {@code --as-workspace-owners}).
     */
    public record Found(ScaletestWorkspaces.Listing listing) {
        /** The left-out workspaces that have an agent, as targets (for checks that concern them too). */
        public List<TrafficTarget> skippedTargets() {
            List<TrafficTarget> skipped = new ArrayList<>();
            for (Workspace w : listing.skipped()) {
                agentOf(w).ifPresent(agent -> skipped.add(new TrafficTarget(w, agent)));
            }
            return skipped;
        }
    }

    /**
     * Lists without slicing or warning yet. With {@code asOwners} (--as-workspace-owners) other
     * users' workspaces are kept even where the deployment disables owner exec: their traffic goes
     * as their owners.
     */
    public Found find(WorkspaceTargets targets, boolean asOwners) throws CoderApiException, InterruptedException {
        return new Found(new ScaletestWorkspaces(client).list(targets.useHostLogin(), targets.template().orElse(null), !asOwners));
    }

    /**
     * Warns about the workspaces left out, then slices by {@code --target-workspaces} and, for a
     * shard, keeps the workspaces it owns by workspace ID ({@link Shard#owns}): stable, no overlap
     * between shards, every workspace in one of them, whatever each listing's order or length.
     * Indexes stay those of the sliced list, so run ids are the same as in an unsharded run.
     */
    public List<Indexed> slice(Found found, WorkspaceTargets targets, Optional<Shard> shard) {
        ScaletestWorkspaces.Listing listing = found.listing();
        if (listing.skippedOwnerExecDisabled() > 0) {
            warnings.accept("scaletest: skipped " + listing.skippedOwnerExecDisabled()
                    + " workspaces of other users: the deployment disables owner exec (use --use-host-login, or"
                    + " --as-workspace-owners to drive them as their owners)");
        }
        List<Workspace> selected = targets.range().select(listing.workspaces());
        List<Indexed> result = new ArrayList<>(selected.size());
        for (int i = 0; i < selected.size(); i++) {
            Workspace w = selected.get(i);
            if (shard.isPresent() && !shard.get().owns(w.id().toString())) {
                continue;
            }
            Optional<WorkspaceAgent> agent = agentOf(w);
            if (agent.isEmpty()) {
                warnings.accept("WARN: skipping workspace " + w.name() + ": no agent");
                continue;
            }
            result.add(new Indexed(i, new TrafficTarget(w, agent.get())));
        }
        return result;
    }

    private static Optional<WorkspaceAgent> agentOf(Workspace w) {
        return w.latestBuild() == null ? Optional.empty() : w.latestBuild().trafficAgent();
    }
}
