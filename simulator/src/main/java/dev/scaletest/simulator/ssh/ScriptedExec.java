package dev.scaletest.simulator.ssh;

import dev.scaletest.simulator.SimulatorStats;
import dev.scaletest.simulator.terminal.CommandOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/** A command that prints configured lines, then exits (0 unless told) or keeps running until a signal. */
final class ScriptedExec extends SimulatedExec {
    private final CommandOutput output;
    private final int exitStatus;

    ScriptedExec(CommandOutput output, SimulatorStats stats) {
        this(output, 0, stats);
    }

    ScriptedExec(CommandOutput output, int exitStatus, SimulatorStats stats) {
        super(stats);
        this.output = output;
        this.exitStatus = exitStatus;
    }

    @Override
    protected void begin() {
        StringBuilder text = new StringBuilder();
        output.lines().forEach(line -> text.append(line).append('\n'));
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            exitUnlessRunning();
            return;
        }
        try {
            out.writeBuffer(new ByteArrayBuffer(bytes)).addListener(written -> {
                stats.bytesEchoed.add(bytes.length);
                exitUnlessRunning();
            });
        } catch (IOException e) {
            finish(1, "writing output: " + e.getMessage());
        }
    }

    private void exitUnlessRunning() {
        if (!output.keepsRunning()) {
            finish(exitStatus, "");
        }
    }
}
