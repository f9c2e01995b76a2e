package dev.scaletest.scenarios;

import java.util.Objects;
import java.util.Optional;

/**
 * Which existing scaletest workspaces a command works on: optionally only those of one template
 * (name or UUID), a slice of the server's list, and optionally only the caller's own workspaces.
 */
public record WorkspaceTargets(Optional<String> template, TargetRange range, boolean useHostLogin) {

    public WorkspaceTargets {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(range, "range");
    }
}
