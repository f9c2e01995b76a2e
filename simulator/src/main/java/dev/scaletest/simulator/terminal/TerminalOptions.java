package dev.scaletest.simulator.terminal;

import java.time.Duration;
import java.util.Map;

/**
 * How the simulated web terminal behaves.
 *
 * @param detachedTimeout how long a session whose WebSocket dropped keeps running before it is
 *     ended (Coder keeps reconnecting PTYs alive for a while so clients can re-attach)
 * @param replayBytes how much recent output a session keeps for replay on re-attach; every live
 *     session holds up to this many bytes, so 10,000 sessions at 16 KiB cost 160 MB
 * @param maxFrameBytes largest WebSocket frame accepted from a client
 * @param commands output of commands other than the {@code dd} family and the login shell, by
 *     exact command line; anything else prints {@link CommandOutput#simulated(String)}
 */
public record TerminalOptions(
        Duration detachedTimeout, int replayBytes, int maxFrameBytes, Map<String, CommandOutput> commands) {

    public TerminalOptions {
        if (detachedTimeout.isNegative() || detachedTimeout.isZero()) {
            throw new IllegalArgumentException("detachedTimeout must be positive: " + detachedTimeout);
        }
        if (replayBytes < 1) {
            throw new IllegalArgumentException("replayBytes must be positive: " + replayBytes);
        }
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 1024: " + maxFrameBytes);
        }
        commands = Map.copyOf(commands);
    }

    public static TerminalOptions defaults() {
        return new TerminalOptions(Duration.ofMinutes(5), 16 * 1024, 64 * 1024, Map.of());
    }

    public TerminalOptions withCommands(Map<String, CommandOutput> newCommands) {
        return new TerminalOptions(detachedTimeout, replayBytes, maxFrameBytes, newCommands);
    }

    public TerminalOptions withDetachedTimeout(Duration timeout) {
        return new TerminalOptions(timeout, replayBytes, maxFrameBytes, commands);
    }

    public TerminalOptions withReplayBytes(int bytes) {
        return new TerminalOptions(detachedTimeout, bytes, maxFrameBytes, commands);
    }
}
