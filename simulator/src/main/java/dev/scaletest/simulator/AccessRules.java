package dev.scaletest.simulator;

import dev.scaletest.simulator.ratelimit.RateLimits;
import java.util.Objects;

/**
 * coderd's rules a client meets beside authentication: the request rate limits, and whether site
 * owners may open terminals, apps and SSH sessions on workspaces they do not own (coderd's
 * {@code --disable-owner-workspace-access}, shown in {@code /api/v2/deployment/config} as
 * {@code disable_owner_workspace_exec}).
 */
public record AccessRules(RateLimits rateLimits, boolean ownerWorkspaceAccessDisabled) {

    public AccessRules {
        Objects.requireNonNull(rateLimits, "rateLimits");
    }

    /** No limits and owners may reach every workspace: how Coder's own scale-test deployments run. */
    public static AccessRules open() {
        return new AccessRules(RateLimits.off(), false);
    }

    public AccessRules withRateLimits(RateLimits limits) {
        return new AccessRules(limits, ownerWorkspaceAccessDisabled);
    }

    public AccessRules withOwnerWorkspaceAccessDisabled(boolean disabled) {
        return new AccessRules(rateLimits, disabled);
    }
}
