package dev.scaletest.simulator.ssh;

import dev.scaletest.simulator.SimulatorStats;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.command.AsyncCommand;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * The shared part of the simulated exec commands: MINA's asynchronous streams (no thread per
 * session) and ending like a process does. A signal ends the command with exit status 255, which
 * is what Coder's agent reports for a process killed by a signal (it maps Go's -1 to 255, as
 * OpenSSH does); Coder's SSH traffic client treats 255 as a normal end.
 */
abstract class SimulatedExec implements AsyncCommand {
    /** Exit status sent when a signal ends the command. */
    static final int SIGNALLED_EXIT_STATUS = 255;

    protected final SimulatorStats stats;
    protected IoInputStream in;
    protected IoOutputStream out;
    private ExitCallback exitCallback;
    private final AtomicBoolean finished = new AtomicBoolean();

    SimulatedExec(SimulatorStats stats) {
        this.stats = stats;
    }

    @Override
    public final void start(ChannelSession channel, Environment env) {
        env.addSignalListener((ch, signal) -> finish(SIGNALLED_EXIT_STATUS, "killed by signal " + signal));
        begin();
    }

    /** Starts the work; must not block. */
    protected abstract void begin();

    protected final boolean finished() {
        return finished.get();
    }

    /** Sends the exit status, EOF and close, once. */
    protected final void finish(int status, String message) {
        if (finished.compareAndSet(false, true)) {
            exitCallback.onExit(status, message);
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        finished.set(true);
    }

    @Override
    public void setIoInputStream(IoInputStream stream) {
        this.in = stream;
    }

    @Override
    public void setIoOutputStream(IoOutputStream stream) {
        this.out = stream;
    }

    @Override
    public void setIoErrorStream(IoOutputStream stream) {
        // Nothing is written to stderr.
    }

    @Override
    public void setInputStream(java.io.InputStream stream) {
        // Asynchronous streams are used instead.
    }

    @Override
    public void setOutputStream(java.io.OutputStream stream) {
        // Asynchronous streams are used instead.
    }

    @Override
    public void setErrorStream(java.io.OutputStream stream) {
        // Asynchronous streams are used instead.
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exitCallback = callback;
    }
}
