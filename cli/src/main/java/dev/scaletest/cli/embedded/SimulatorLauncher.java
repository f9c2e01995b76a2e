package dev.scaletest.cli.embedded;

import dev.scaletest.simulator.Distribution;
import dev.scaletest.simulator.Simulator;
import dev.scaletest.simulator.SimulatorOptions;
import dev.scaletest.simulator.ssh.SshOptions;
import dev.scaletest.simulator.terminal.TerminalOptions;
import java.io.IOException;

/** Starts the built-in simulator from the command line's settings. */
public final class SimulatorLauncher {
    private SimulatorLauncher() {}

    public static Simulator start(SimulatorSettings settings) throws IOException, InterruptedException {
        SshOptions ssh = SshOptions.defaults();
        if (settings.sshListen().isPresent()) {
            ssh = ssh.withPort(settings.sshListen().get().port());
        }
        return Simulator.start(settings.faults(),
                options -> withTls(options, settings)
                        .withListen(settings.listen().host(), settings.listen().port())
                        .withProvisioners(settings.provisioners())
                        .withBuildTime(new Distribution(settings.buildTime().min(), settings.buildTime().max()))
                        .withAgentConnectTime(new Distribution(settings.agentConnectTime().min(), settings.agentConnectTime().max()))
                        .withAppHostWildcard(settings.appHost())
                        .withAccessRules(settings.accessRules()),
                TerminalOptions.defaults(), ssh);
    }

    private static SimulatorOptions withTls(SimulatorOptions options, SimulatorSettings settings) {
        return settings.tls().map(options::withTls).orElse(options);
    }
}
