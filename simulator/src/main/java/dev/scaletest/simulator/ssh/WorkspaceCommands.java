package dev.scaletest.simulator.ssh;

import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.SimulatorStats;
import dev.scaletest.simulator.terminal.CommandOutput;
import dev.scaletest.simulator.terminal.SimulatedCommand;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;

/** Maps an exec request to a simulated command: the {@code dd} family or configured output. */
final class WorkspaceCommands implements CommandFactory {
    private final Map<String, CommandOutput> commands;
    private final Faults faults;
    private final long startNanos;
    private final ScheduledExecutorService timer;
    private final SimulatorStats stats;

    WorkspaceCommands(Map<String, CommandOutput> commands, Faults faults, long startNanos,
            ScheduledExecutorService timer, SimulatorStats stats) {
        this.commands = commands;
        this.faults = faults;
        this.startNanos = startNanos;
        this.timer = timer;
        this.stats = stats;
    }

    @Override
    public Command createCommand(ChannelSession channel, String command) {
        return switch (SimulatedCommand.parse(command, commands)) {
            case SimulatedCommand.Dd dd -> new DdExec(dd.copiesToStdout(), dd.blockSize(), faults, startNanos, timer, stats);
            case SimulatedCommand.Scripted scripted -> new ScriptedExec(scripted.output(), stats);
            // An empty exec runs nothing: it ends at once, as `sh -c ''` does.
            case SimulatedCommand.LoginShell shell -> new ScriptedExec(new CommandOutput(java.util.List.of(), false), stats);
        };
    }
}
