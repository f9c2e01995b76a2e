package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.coder.CoderApiException;
import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.ScaletestWorkspaces;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.coder.model.WorkspaceAgent;
import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.WorkspaceTargets;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists the scaletest workspaces the traffic goes to: the server's list, sliced by
 * {@code --target-workspaces}, each with the agent traffic is sent to.
 */
public final class TrafficTargets {
    private final CoderClient client;
    private final PrintStream err;

    public TrafficTargets(CoderClient client, PrintStream err) {
        this.client = client;
        this.err = err;
    }

    public List<TrafficTarget> list(WorkspaceTargets targets) throws CoderApiException, InterruptedException {
        ScaletestWorkspaces.Listing listing = new ScaletestWorkspaces(client)
                .list(targets.useHostLogin(), targets.template().orElse(null));
        if (listing.skippedOwnerExecDisabled() > 0) {
            err.println("scaletest: skipped " + listing.skippedOwnerExecDisabled()
                    + " workspaces of other users: the deployment disables owner exec (use --use-host-login)");
        }
        List<Workspace> selected = targets.range().select(listing.workspaces());
        List<TrafficTarget> result = new ArrayList<>(selected.size());
        for (Workspace w : selected) {
            Optional<WorkspaceAgent> agent = w.latestBuild() == null ? Optional.empty() : w.latestBuild().trafficAgent();
            if (agent.isEmpty()) {
                throw new ConfigException("workspace " + w.ownerName() + "/" + w.name() + " has no agent to send traffic to");
            }
            result.add(new TrafficTarget(w, agent.get()));
        }
        return result;
    }
}
