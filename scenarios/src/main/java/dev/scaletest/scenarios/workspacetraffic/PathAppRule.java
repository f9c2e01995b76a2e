package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.coder.model.DeploymentConfig;
import dev.scaletest.coder.model.WorkspaceApp;
import dev.scaletest.scenarios.ConfigException;
import java.util.List;
import java.util.UUID;

/**
 * coderd's path-app rule as a site owner meets it: a path-based app of a workspace someone else
 * owns answers 404 unless coderd runs with {@code --dangerous-allow-path-app-site-owner-access}
 * (off by default; {@code /deployment/config} shows it). Every stream would fail on connect, so
 * without {@code --as-workspace-owners} the run is refused before anything starts. Subdomain apps,
 * the web terminal and SSH are not path apps.
 */
final class PathAppRule {
    private final UUID me;
    private final boolean siteOwnerAccessAllowed;

    PathAppRule(UUID me, DeploymentConfig config) {
        this.me = me;
        this.siteOwnerAccessAllowed = config.pathAppSiteOwnerAccessAllowed();
    }

    /**
     * Throws a {@link ConfigException} when {@code slug} is a path app of a target the caller does
     * not own and the deployment keeps such apps to their owners. A target without the app is
     * left to the check that reports unknown slugs.
     */
    void check(String slug, List<TrafficTarget> targets) {
        if (siteOwnerAccessAllowed) {
            return;
        }
        for (TrafficTarget target : targets) {
            boolean pathApp = target.app(slug).map(app -> !app.subdomain()).orElse(false);
            if (!me.equals(target.workspace().ownerId()) && pathApp) {
                throw new ConfigException("--app " + slug + " is a path app and coderd refuses a site owner on other users' path apps;"
                        + " pass --as-workspace-owners (traffic as each owner, with a short-lived token), or run coderd with"
                        + " --dangerous-allow-path-app-site-owner-access");
            }
        }
    }
}
