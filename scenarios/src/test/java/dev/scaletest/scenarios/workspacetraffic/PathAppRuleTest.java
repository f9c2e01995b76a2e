package dev.scaletest.scenarios.workspacetraffic;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scaletest.coder.model.CoderJson;
import dev.scaletest.coder.model.DeploymentConfig;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.scenarios.ConfigException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The run is refused up front exactly when coderd would refuse the site owner every app stream. */
class PathAppRuleTest {
    private static final UUID ME = UUID.fromString("6f1d8a3e-0000-4000-8000-00000000aaaa");
    private static final UUID ALICE = UUID.fromString("6f1d8a3e-0000-4000-8000-00000000bbbb");

    private static TrafficTarget target(UUID owner, boolean subdomain) throws Exception {
        String json = """
                {"id":"%s","name":"scaletest-abc-0","owner_id":"%s","owner_name":"alice",
                 "latest_build":{"resources":[{"agents":[{"id":"%s","name":"main",
                   "apps":[{"slug":"echo","subdomain":%s,"subdomain_name":"echo--main--scaletest-abc-0--alice"}]}]}]}}
                """.formatted(UUID.randomUUID(), owner, UUID.randomUUID(), subdomain);
        Workspace w = CoderJson.newMapper().readValue(json, Workspace.class);
        return new TrafficTarget(w, w.latestBuild().trafficAgent().orElseThrow());
    }

    private static DeploymentConfig config(boolean siteOwnerAccess) throws Exception {
        return CoderJson.newMapper().readValue("{\"config\":{\"disable_owner_workspace_exec\":false,"
                + "\"dangerous\":{\"allow_path_app_sharing\":false,\"allow_path_app_site_owner_access\":" + siteOwnerAccess + "}}}",
                DeploymentConfig.class);
    }

    @Test
    void anotherUsersPathAppUnderCodersDefaultIsRefusedInOneLine() throws Exception {
        List<TrafficTarget> targets = List.of(target(ME, false), target(ALICE, false));
        ConfigException refused = assertThrows(ConfigException.class, () -> new PathAppRule(ME, config(false)).check("echo", targets));
        assertEquals("--app echo is a path app and coderd refuses a site owner on other users' path apps; pass --as-workspace-owners"
                + " (traffic as each owner, with a short-lived token), or run coderd with --dangerous-allow-path-app-site-owner-access",
                refused.getMessage());
    }

    @Test
    void ownWorkspacesSubdomainAppsAndTheDangerousFlagPass() throws Exception {
        assertDoesNotThrow(() -> new PathAppRule(ME, config(false)).check("echo", List.of(target(ME, false))));
        assertDoesNotThrow(() -> new PathAppRule(ME, config(false)).check("echo", List.of(target(ALICE, true))));
        assertDoesNotThrow(() -> new PathAppRule(ME, config(true)).check("echo", List.of(target(ALICE, false))));
    }

    @Test
    void aTargetWithoutTheAppIsLeftToTheUnknownSlugCheck() throws Exception {
        assertDoesNotThrow(() -> new PathAppRule(ME, config(false)).check("code-server", List.of(target(ALICE, false))));
    }

    @Test
    void aDeploymentConfigWithoutTheDangerousBlockMeansCodersDefault() throws Exception {
        DeploymentConfig old = CoderJson.newMapper().readValue("{\"config\":{\"disable_owner_workspace_exec\":false}}", DeploymentConfig.class);
        assertThrows(ConfigException.class, () -> new PathAppRule(ME, old).check("echo", List.of(target(ALICE, false))));
    }
}
