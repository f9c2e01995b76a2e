package dev.scaletest.simulator;

import dev.scaletest.simulator.ratelimit.RateLimits;
import java.util.Objects;

/**
 * coderd's rules a client meets beside authentication: the request rate limits, whether site
 * owners may open terminals, apps and SSH sessions on workspaces they do not own (coderd's
 * {@code --disable-owner-workspace-access}, shown in {@code /api/v2/deployment/config} as
 * {@code disable_owner_workspace_exec}), and whether they may open other users' path-based apps
 * (coderd's {@code --dangerous-allow-path-app-site-owner-access}, off by default there and here,
 * shown as {@code dangerous.allow_path_app_site_owner_access}).
 */
public record AccessRules(RateLimits rateLimits, boolean ownerWorkspaceAccessDisabled, boolean pathAppSiteOwnerAccessAllowed) {

    public AccessRules {
        Objects.requireNonNull(rateLimits, "rateLimits");
    }

    /** With coderd's default path-app rule: site owners are refused on other users' path apps. */
    public AccessRules(RateLimits rateLimits, boolean ownerWorkspaceAccessDisabled) {
        this(rateLimits, ownerWorkspaceAccessDisabled, false);
    }

    /**
     * No limits and owners may reach every workspace, as Coder's own scale-test deployments run;
     * other users' path apps stay closed to owners, as coderd ships.
     */
    public static AccessRules open() {
        return new AccessRules(RateLimits.off(), false, false);
    }

    public AccessRules withRateLimits(RateLimits limits) {
        return new AccessRules(limits, ownerWorkspaceAccessDisabled, pathAppSiteOwnerAccessAllowed);
    }

    public AccessRules withOwnerWorkspaceAccessDisabled(boolean disabled) {
        return new AccessRules(rateLimits, disabled, pathAppSiteOwnerAccessAllowed);
    }

    /** coderd's {@code --dangerous-allow-path-app-site-owner-access}. */
    public AccessRules withPathAppSiteOwnerAccessAllowed(boolean allowed) {
        return new AccessRules(rateLimits, ownerWorkspaceAccessDisabled, allowed);
    }
}
