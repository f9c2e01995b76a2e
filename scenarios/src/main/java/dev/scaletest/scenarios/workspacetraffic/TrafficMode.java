package dev.scaletest.scenarios.workspacetraffic;

import java.util.Locale;

/** How one stream reaches its workspace: Coder's web terminal, SSH, or an app's WebSocket. */
public enum TrafficMode {
    /** The reconnecting PTY behind Coder's web terminal (workspace-traffic's default). */
    TERMINAL,
    /** An SSH exec channel ({@code --ssh}). */
    SSH,
    /** The WebSocket of a workspace app ({@code --app SLUG}). */
    APP;

    /** How flags name it: {@code terminal}, {@code ssh}, {@code app}. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return flagValue();
    }
}
