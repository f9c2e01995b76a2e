package dev.scaletest.scenarios.workspacetraffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.coder.CaBundle;
import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.coder.TlsTrust;
import dev.scaletest.coder.model.AppHost;
import dev.scaletest.coder.model.CoderJson;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.PrometheusConfig;
import dev.scaletest.scenarios.StrategyConfig;
import dev.scaletest.scenarios.TargetRange;
import dev.scaletest.scenarios.WorkspaceTargets;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TrafficTransportsTest {
    private static final CoderEndpoint ENDPOINT = new CoderEndpoint(URI.create("https://coder.example.com"), "token", List.of(), false);

    private static WorkspaceTrafficConfig config(Optional<URI> proxy) {
        return new WorkspaceTrafficConfig(4096, Duration.ofMillis(100), false, Optional.of("echo"), false, proxy,
                new WorkspaceTargets(Optional.empty(), TargetRange.ALL, false),
                StrategyConfig.run(0, Duration.ofSeconds(5), Duration.ZERO, OptionalDouble.empty(), Duration.ZERO),
                StrategyConfig.defaultCleanup(), new PrometheusConfig("127.0.0.1:0", Duration.ZERO, Optional.empty()), 1,
                SshAccess.defaults(Path.of("known_hosts")),
                WebSocketClientKind.NETTY, false, Duration.ZERO);
    }

    private static TrafficTarget target(boolean subdomain) throws Exception {
        String json = """
                {"id":"6f1d8a3e-0000-4000-8000-000000000001","name":"scaletest-abc-0","owner_name":"alice",
                 "latest_build":{"resources":[{"agents":[{"id":"6f1d8a3e-0000-4000-8000-000000000002","name":"main",
                   "apps":[{"slug":"echo","subdomain":%s,"subdomain_name":"echo--main--scaletest-abc-0--alice"}]}]}]}}
                """.formatted(subdomain);
        Workspace w = CoderJson.newMapper().readValue(json, Workspace.class);
        return new TrafficTarget(w, w.latestBuild().trafficAgent().orElseThrow());
    }

    @Test
    void pathAppUrlIsUnderTheOwnerAndWorkspaceWithATrailingSlash() throws Exception {
        TrafficTransports transports = new TrafficTransports(config(Optional.empty()), ENDPOINT, null, null, new AppHost(""), Duration.ofSeconds(1));
        assertEquals(URI.create("https://coder.example.com/@alice/scaletest-abc-0.main/apps/echo/"), transports.appUrl(target(false), "echo"));
    }

    @Test
    void pathAppUrlUsesTheWorkspaceProxyWhenGiven() throws Exception {
        TrafficTransports transports = new TrafficTransports(config(Optional.of(URI.create("https://proxy.example.com/"))),
                ENDPOINT, null, null, new AppHost(""), Duration.ofSeconds(1));
        assertEquals(URI.create("https://proxy.example.com/@alice/scaletest-abc-0.main/apps/echo/"), transports.appUrl(target(false), "echo"));
    }

    @Test
    void subdomainAppUrlReplacesTheWildcard() throws Exception {
        TrafficTransports transports = new TrafficTransports(config(Optional.empty()), ENDPOINT, null, null,
                new AppHost("*.apps.example.com"), Duration.ofSeconds(1));
        assertEquals(URI.create("https://echo--main--scaletest-abc-0--alice.apps.example.com/"), transports.appUrl(target(true), "echo"));
    }

    @Test
    void subdomainAppWithoutWildcardHostAndUnknownSlugAreErrors() throws Exception {
        TrafficTransports transports = new TrafficTransports(config(Optional.empty()), ENDPOINT, null, null, new AppHost(""), Duration.ofSeconds(1));
        ConfigException noHost = assertThrows(ConfigException.class, () -> transports.appUrl(target(true), "echo"));
        assertTrue(noHost.getMessage().contains("wildcard app host"), noHost.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class, () -> transports.appUrl(target(false), "code-server"));
        assertEquals("app \"code-server\" not found in workspace \"scaletest-abc-0\"", unknown.getMessage());
    }

    @Test
    void theProxyCommandTrustsTheAuthoritiesThisRunTrusts() throws Exception {
        CaBundle bundle = new CaBundle(Optional.of(Path.of("/etc/coder/ca.pem")),
                List.of(Path.of("/etc/coder/certs")), List.of());
        CoderEndpoint trusting = new CoderEndpoint(ENDPOINT.url(), "token", List.of(), TlsTrust.verifying(bundle));
        TrafficTransports transports = new TrafficTransports(config(Optional.empty()), trusting, null, null, new AppHost(""),
                Duration.ofSeconds(1), target -> "owner-token");
        assertEquals(java.util.Map.of("SSL_CERT_FILE", "/etc/coder/ca.pem", "SSL_CERT_DIR", "/etc/coder/certs"),
                transports.proxyEnvironment("token"));
        assertEquals(java.util.Map.of("SSL_CERT_FILE", "/etc/coder/ca.pem", "SSL_CERT_DIR", "/etc/coder/certs",
                "CODER_SESSION_TOKEN", "owner-token", "CODER_URL", "https://coder.example.com"), transports.proxyEnvironment("owner-token"));
    }

    @Test
    void actingAsAnOwnerTheProxyCommandLogsInWithThatOwnersToken() throws Exception {
        TrafficTransports transports = new TrafficTransports(config(Optional.empty()), ENDPOINT, null, null, new AppHost(""),
                Duration.ofSeconds(1), target -> "owner-token");
        assertEquals(java.util.Map.of(), transports.proxyEnvironment("token"));
        assertEquals(java.util.Map.of("CODER_SESSION_TOKEN", "owner-token", "CODER_URL", "https://coder.example.com"),
                transports.proxyEnvironment("owner-token"));
    }
}
