package dev.scaletest.scenarios.fullrun;

import dev.scaletest.scenarios.createworkspaces.CreateWorkspacesConfig;
import dev.scaletest.scenarios.workspacetraffic.TrafficMode;
import dev.scaletest.scenarios.workspacetraffic.WorkspaceTrafficConfig;
import java.util.Objects;

/**
 * {@code scaletest run}: create workspaces as create-workspaces does ({@code create}, whose undo
 * phase is the run's cleanup unless {@code --no-cleanup}), drive traffic through those that came up
 * in the {@code mix} of modes with the {@code traffic} settings, then clean up.
 *
 * @param traffic the streams' settings ({@link WorkspaceTrafficConfig#forHeldWorkspaces}); its
 *                duration is {@code --traffic-duration}
 */
public record FullRunConfig(CreateWorkspacesConfig create, WorkspaceTrafficConfig traffic, TrafficMix mix) {

    public FullRunConfig {
        Objects.requireNonNull(create, "create");
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(mix, "mix");
    }

    /**
     * Checks the create flags, the mix, and the traffic settings in every mode the mix uses (a
     * terminal share keeps {@code --bytes-per-tick} to what a terminal line holds, for instance).
     *
     * @param targetOffersTemplate the deployment names its own template (the built-in simulator)
     */
    public FullRunConfig validate(boolean targetOffersTemplate) {
        create.validate(targetOffersTemplate);
        mix.validate();
        for (TrafficMode mode : mix.modes()) {
            traffic.inMode(mode, mix.app()).validate();
        }
        return this;
    }
}
