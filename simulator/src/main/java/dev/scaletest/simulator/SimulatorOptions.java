package dev.scaletest.simulator;

import dev.scaletest.simulator.agent.AgentWebSocketEndpoint;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the simulated deployment behaves. {@code port} 0 picks a free port. {@code appHostWildcard}
 * is what {@code GET /api/v2/applications/host} answers ("" means subdomain apps are off).
 * {@code ptyEndpoint} and {@code appEndpoint} serve the web terminal and app WebSockets once the
 * API layer has authenticated and routed the request. {@code accessRules} are coderd's rate limits
 * and owner-access rule (default: none, as Coder's scale-test deployments run). With {@code tls} the
 * API, terminal and app endpoints are served over HTTPS (default: plain HTTP).
 */
public record SimulatorOptions(
        String host,
        int port,
        int provisioners,
        Distribution buildTime,
        Distribution agentConnectTime,
        Faults faults,
        String appHostWildcard,
        String adminEmail,
        String adminUsername,
        String adminPassword,
        String templateName,
        AgentWebSocketEndpoint ptyEndpoint,
        AgentWebSocketEndpoint appEndpoint,
        AccessRules accessRules,
        Optional<ServerTls> tls) {

    public SimulatorOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(buildTime, "buildTime");
        Objects.requireNonNull(agentConnectTime, "agentConnectTime");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(appHostWildcard, "appHostWildcard");
        Objects.requireNonNull(adminEmail, "adminEmail");
        Objects.requireNonNull(adminUsername, "adminUsername");
        Objects.requireNonNull(adminPassword, "adminPassword");
        Objects.requireNonNull(templateName, "templateName");
        Objects.requireNonNull(ptyEndpoint, "ptyEndpoint");
        Objects.requireNonNull(appEndpoint, "appEndpoint");
        Objects.requireNonNull(accessRules, "accessRules");
        Objects.requireNonNull(tls, "tls");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (provisioners < 1) {
            throw new IllegalArgumentException("provisioners must be at least 1, got " + provisioners);
        }
    }

    /**
     * Loopback on a free port, 3 provisioners, 200–400 ms builds, 100–300 ms agent connect, no faults,
     * no rate limits and owners allowed on every workspace.
     */
    public static SimulatorOptions defaults(AgentWebSocketEndpoint ptyEndpoint, AgentWebSocketEndpoint appEndpoint) {
        return new SimulatorOptions("127.0.0.1", 0, 3,
                Distribution.uniform(Duration.ofMillis(200), Duration.ofMillis(400)),
                Distribution.uniform(Duration.ofMillis(100), Duration.ofMillis(300)),
                Faults.none(), "", "admin@coder.com", "admin", "SomeSecurePassword!", "kubernetes",
                ptyEndpoint, appEndpoint, AccessRules.open(), Optional.empty());
    }

    public SimulatorOptions withListen(String host, int port) {
        return new SimulatorOptions(host, port, provisioners, buildTime, agentConnectTime, faults, appHostWildcard,
                adminEmail, adminUsername, adminPassword, templateName, ptyEndpoint, appEndpoint, accessRules, tls);
    }

    public SimulatorOptions withProvisioners(int provisioners) {
        return new SimulatorOptions(host, port, provisioners, buildTime, agentConnectTime, faults, appHostWildcard,
                adminEmail, adminUsername, adminPassword, templateName, ptyEndpoint, appEndpoint, accessRules, tls);
    }

    public SimulatorOptions withBuildTime(Distribution buildTime) {
        return new SimulatorOptions(host, port, provisioners, buildTime, agentConnectTime, faults, appHostWildcard,
                adminEmail, adminUsername, adminPassword, templateName, ptyEndpoint, appEndpoint, accessRules, tls);
    }

    public SimulatorOptions withAgentConnectTime(Distribution agentConnectTime) {
        return new SimulatorOptions(host, port, provisioners, buildTime, agentConnectTime, faults, appHostWildcard,
                adminEmail, adminUsername, adminPassword, templateName, ptyEndpoint, appEndpoint, accessRules, tls);
    }

    public SimulatorOptions withFaults(Faults faults) {
        return new SimulatorOptions(host, port, provisioners, buildTime, agentConnectTime, faults, appHostWildcard,
                adminEmail, adminUsername, adminPassword, templateName, ptyEndpoint, appEndpoint, accessRules, tls);
    }

    public SimulatorOptions withAppHostWildcard(String appHostWildcard) {
        return new SimulatorOptions(host, port, provisioners, buildTime, agentConnectTime, faults, appHostWildcard,
                adminEmail, adminUsername, adminPassword, templateName, ptyEndpoint, appEndpoint, accessRules, tls);
    }

    public SimulatorOptions withAdmin(String email, String username, String password) {
        return new SimulatorOptions(host, port, provisioners, buildTime, agentConnectTime, faults, appHostWildcard,
                email, username, password, templateName, ptyEndpoint, appEndpoint, accessRules, tls);
    }

    public SimulatorOptions withTemplateName(String templateName) {
        return new SimulatorOptions(host, port, provisioners, buildTime, agentConnectTime, faults, appHostWildcard,
                adminEmail, adminUsername, adminPassword, templateName, ptyEndpoint, appEndpoint, accessRules, tls);
    }

    /** Serve HTTPS with this certificate. */
    public SimulatorOptions withTls(ServerTls serverTls) {
        return new SimulatorOptions(host, port, provisioners, buildTime, agentConnectTime, faults, appHostWildcard,
                adminEmail, adminUsername, adminPassword, templateName, ptyEndpoint, appEndpoint, accessRules, Optional.of(serverTls));
    }

    /** coderd's rate limits and owner-access rule; see {@link AccessRules}. */
    public SimulatorOptions withAccessRules(AccessRules rules) {
        return new SimulatorOptions(host, port, provisioners, buildTime, agentConnectTime, faults, appHostWildcard,
                adminEmail, adminUsername, adminPassword, templateName, ptyEndpoint, appEndpoint, rules, tls);
    }
}
