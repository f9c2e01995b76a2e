package dev.scaletest.simulator;

import dev.scaletest.simulator.app.AppEchoEndpoint;
import dev.scaletest.simulator.ssh.SshOptions;
import dev.scaletest.simulator.ssh.WorkspaceSshServer;
import dev.scaletest.simulator.terminal.ReconnectingPtyEndpoint;
import dev.scaletest.simulator.terminal.TerminalOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * The whole built-in Coder: the REST API with builds and logs, the web terminal and app endpoints
 * on the same port, and the workspace SSH server, sharing counters, faults and a start instant.
 */
public final class Simulator implements AutoCloseable {
    private final SimulatorServer api;
    private final ReconnectingPtyEndpoint terminal;
    private final AppEchoEndpoint apps;
    private final WorkspaceSshServer ssh;

    private Simulator(SimulatorServer api, ReconnectingPtyEndpoint terminal, AppEchoEndpoint apps, WorkspaceSshServer ssh) {
        this.api = api;
        this.terminal = terminal;
        this.apps = apps;
        this.ssh = ssh;
    }

    /** Starts on loopback with free ports and the defaults. */
    public static Simulator start() throws IOException, InterruptedException {
        return start(Faults.none(), UnaryOperator.identity(), TerminalOptions.defaults(), SshOptions.defaults());
    }

    /**
     * Starts every part with the same faults. {@code configure} adjusts the API options (listen
     * address, provisioners, build and agent times); the terminal and app endpoints are wired in here.
     */
    public static Simulator start(Faults faults, UnaryOperator<SimulatorOptions> configure, TerminalOptions terminalOptions,
            SshOptions sshOptions) throws IOException, InterruptedException {
        long startNanos = System.nanoTime();
        SimulatorStats stats = new SimulatorStats();
        ReconnectingPtyEndpoint terminal = new ReconnectingPtyEndpoint(terminalOptions, faults, startNanos, stats);
        AppEchoEndpoint apps = new AppEchoEndpoint(faults, startNanos, stats);
        SimulatorServer api = null;
        WorkspaceSshServer ssh = null;
        try {
            api = new SimulatorServer(configure.apply(SimulatorOptions.defaults(terminal, apps).withFaults(faults)), stats, startNanos).start();
            ssh = new WorkspaceSshServer(sshOptions, api.directory(), faults, startNanos, stats, api.loops());
            ssh.start();
            return new Simulator(api, terminal, apps, ssh);
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeQuietly(ssh);
            closeQuietly(api);
            closeQuietly(terminal);
            closeQuietly(apps);
            throw e;
        }
    }

    public URI url() {
        return api.url();
    }

    public String adminToken() {
        return api.adminToken();
    }

    public InetSocketAddress sshAddress() {
        return ssh.address();
    }

    /** The known_hosts line for the SSH server's host key. */
    public String sshKnownHostsLine() {
        return ssh.knownHostsLine();
    }

    public String templateName() {
        return api.options().templateName();
    }

    public SimulatorServer api() {
        return api;
    }

    public SimulatorStats stats() {
        return api.stats();
    }

    @Override
    public void close() {
        closeQuietly(ssh);
        closeQuietly(api);
        closeQuietly(terminal);
        closeQuietly(apps);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Shutting down: nothing left to tell anyone.
            }
        }
    }
}
