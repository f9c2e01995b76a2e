package dev.scaletest.cli.embedded;

import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.run.DeploymentTarget;
import dev.scaletest.scenarios.run.DeploymentTarget.DirectSsh;
import dev.scaletest.scenarios.run.DeploymentTarget.Precreate;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.simulator.state.DeploymentCounts;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * {@code --embedded}: the built-in simulator started in this process for one run, seen by the
 * scenario only as a {@link DeploymentTarget}. What it left behind when the run ends is the proof
 * that cleanup worked, so closing prints it before the simulator goes away.
 */
public final class EmbeddedDeployment implements AutoCloseable {
    /** How the line announcing pre-created workspaces names this deployment. */
    static final String PLACE = "the built-in simulator";

    private final Simulator simulator;
    private final boolean quiet;
    private final PrintStream err;

    private EmbeddedDeployment(Simulator simulator, boolean quiet, PrintStream err) {
        this.simulator = simulator;
        this.quiet = quiet;
        this.err = err;
    }

    /** Starts the simulator and, unless {@code quiet}, says where it listens. */
    public static EmbeddedDeployment start(SimulatorSettings settings, boolean quiet, PrintStream err) throws InterruptedException {
        Simulator simulator;
        try {
            simulator = SimulatorLauncher.start(settings);
        } catch (IOException e) {
            throw new ConfigException("cannot start the built-in simulator: " + e.getMessage());
        }
        if (!quiet) {
            err.println("Built-in simulator at " + simulator.url() + " (SSH " + simulator.sshAddress().getHostString() + ":"
                    + simulator.sshAddress().getPort() + ")");
        }
        return new EmbeddedDeployment(simulator, quiet, err);
    }

    /**
     * The simulator as a deployment: its URL and admin token, its SSH server and host key, and
     * its template; with {@code precreate}, that many workspaces to create before the run.
     */
    public DeploymentTarget target(Optional<Integer> precreate) {
        InetSocketAddress ssh = simulator.sshAddress();
        String template = simulator.templateName();
        return new DeploymentTarget(new CoderEndpoint(simulator.url(), simulator.adminToken(), List.of(), false),
                Optional.of(new DirectSsh(ssh.getHostString(), ssh.getPort(), simulator.sshKnownHostsLine())),
                Optional.of(template), precreate.map(count -> new Precreate(template, count, PLACE)));
    }

    /** What the deployment holds now: the scaletest users and live workspaces. */
    public DeploymentCounts leftovers() {
        return simulator.api().deployment().counts();
    }

    @Override
    public void close() {
        if (!quiet) {
            DeploymentCounts left = leftovers();
            err.println("Built-in simulator at exit: " + left.scaletestUsers() + " scaletest users, "
                    + left.workspacesAlive() + " workspaces");
        }
        simulator.close();
    }
}
