package dev.scaletest.web;

import java.util.Objects;
import java.util.UUID;

/**
 * One reconnecting PTY on a workspace agent: the reconnect id names the PTY, so opening again with
 * the same target re-attaches to the same process.
 */
public record PtyTarget(UUID agentId, UUID reconnect, String command, int width, int height, String label) {

    public PtyTarget {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(reconnect, "reconnect");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(label, "label");
        if (width < 1 || width > 0xffff || height < 1 || height > 0xffff) {
            throw new IllegalArgumentException("PTY size must be 1..65535, got " + width + "x" + height);
        }
    }

    /** A new PTY with a random reconnect id. */
    public static PtyTarget random(UUID agentId, String command, int width, int height, String label) {
        return new PtyTarget(agentId, UUID.randomUUID(), command, width, height, label);
    }
}
