package dev.scaletest.scenarios.workspacetraffic;

/** Which WebSocket library carries terminal and app traffic ({@code --ws-client}). */
public enum WebSocketClientKind {
    /** Netty: a few event-loop threads for all streams. */
    NETTY("netty"),
    /** Java-WebSocket: threads per connection; kept for comparison. */
    JAVA_WEBSOCKET("java-websocket");

    private final String flagValue;

    WebSocketClientKind(String flagValue) {
        this.flagValue = flagValue;
    }

    public String flagValue() {
        return flagValue;
    }

    @Override
    public String toString() {
        return flagValue;
    }
}
