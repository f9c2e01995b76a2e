package dev.scaletest.cli.embedded;

import dev.scaletest.net.HostPort;
import dev.scaletest.simulator.AccessRules;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.ServerTls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the built-in Coder simulator ({@code scaletest simulator}, or in-process with
 * {@code --embedded}).
 *
 * @param listen           HTTP address of the simulated coderd
 * @param provisioners     builds that run at once; more wait in the queue
 * @param buildTime        how long one build takes
 * @param agentConnectTime how long a new agent takes to connect after its build
 * @param appHost          wildcard app host returned by {@code GET /api/v2/applications/host}
 *                         ({@code *.apps.example.com}); empty = no wildcard host
 * @param sshListen        where the simulated agents' SSH server listens; empty = no SSH
 * @param accessRules      coderd's rate limits and owner-access rule to enforce
 * @param tls              serve HTTPS with this certificate; empty = plain HTTP
 * @param tlsCaFile        where to write the authority of a generated certificate; empty = a
 *                         temporary file, removed when the simulator stops
 */
public record SimulatorSettings(
        HostPort listen,
        int provisioners,
        DurationRange buildTime,
        DurationRange agentConnectTime,
        Faults faults,
        String appHost,
        Optional<HostPort> sshListen,
        AccessRules accessRules,
        Optional<ServerTls> tls,
        Optional<Path> tlsCaFile) {

    /** Provisioner daemons of the {@code --embedded} simulator. */
    public static final int EMBEDDED_PROVISIONERS = 64;

    public SimulatorSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(buildTime, "buildTime");
        Objects.requireNonNull(agentConnectTime, "agentConnectTime");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(appHost, "appHost");
        Objects.requireNonNull(sshListen, "sshListen");
        Objects.requireNonNull(accessRules, "accessRules");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(tlsCaFile, "tlsCaFile");
    }

    /**
     * For {@code --embedded}: loopback on a free port, quick builds, SSH on a free port, no faults,
     * no rate limits and owners allowed everywhere (as Coder's own scale-test deployments run).
     * The provisioner fleet is sized like a deployment prepared for a 1000-workspace test (3 per
     * coderd replica would queue such a run for minutes and measure only the queue).
     */
    public static SimulatorSettings embedded() {
        return new SimulatorSettings(new HostPort("127.0.0.1", 0), EMBEDDED_PROVISIONERS,
                new DurationRange(Duration.ofMillis(200), Duration.ofMillis(400)),
                new DurationRange(Duration.ofMillis(100), Duration.ofMillis(300)),
                Faults.none(), "", Optional.of(new HostPort("127.0.0.1", 0)), AccessRules.open(), Optional.empty(), Optional.empty());
    }
}
