package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.coder.CoderApiException;
import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.ScaletestWorkspaces;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.coder.model.WorkspaceAgent;
import dev.scaletest.scenarios.WorkspaceTargets;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists the scaletest workspaces the traffic goes to: the server's list, sliced by
 * {@code --target-workspaces}, each with the agent traffic is sent to. A workspace without an
 * agent is skipped with a warning but keeps its index, so run names match Coder's.
 */
public final class TrafficTargets {
    private final CoderClient client;
    private final PrintStream err;

    public TrafficTargets(CoderClient client, PrintStream err) {
        this.client = client;
        this.err = err;
    }

    /** A target and its index in the sliced list (the run is {@code workspace-traffic/<index>}). */
    public record Indexed(int index, TrafficTarget target) {}

    public List<Indexed> list(WorkspaceTargets targets) throws CoderApiException, InterruptedException {
        ScaletestWorkspaces.Listing listing = new ScaletestWorkspaces(client)
                .list(targets.useHostLogin(), targets.template().orElse(null));
        if (listing.skippedOwnerExecDisabled() > 0) {
            err.println("scaletest: skipped " + listing.skippedOwnerExecDisabled()
                    + " workspaces of other users: the deployment disables owner exec (use --use-host-login)");
        }
        List<Workspace> selected = targets.range().select(listing.workspaces());
        List<Indexed> result = new ArrayList<>(selected.size());
        for (int i = 0; i < selected.size(); i++) {
            Workspace w = selected.get(i);
            Optional<WorkspaceAgent> agent = w.latestBuild() == null ? Optional.empty() : w.latestBuild().trafficAgent();
            if (agent.isEmpty()) {
                err.println("WARN: skipping workspace " + w.name() + ": no agent");
                continue;
            }
            result.add(new Indexed(i, new TrafficTarget(w, agent.get())));
        }
        return result;
    }
}
