package dev.scaletest.bench.peers;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What bench/peers.sh hands the simulation, as system properties ({@code -Dpeer.url=...}): where
 * the simulator is, whose token to send, the feeder file of agent IDs and the shape of the traffic.
 *
 * @param url          the deployment, e.g. {@code http://127.0.0.1:4000}
 * @param token        the session token sent as coderd's session cookie
 * @param agents       CSV with an {@code agent_id} column, one row per stream, in scaletest's target order
 * @param streams      how many streams (virtual users), each on its own WebSocket
 * @param duration     traffic time of each stream, from its first tick
 * @param bytesPerTick bytes of one tick's line
 * @param tick         the interval between planned ticks
 * @param outDir       where the lateness log, the start mark and the summary go
 */
record PeerSettings(URI url, String token, Path agents, int streams, Duration duration, int bytesPerTick,
        Duration tick, Path outDir) {

    static PeerSettings fromSystemProperties() {
        return new PeerSettings(
                URI.create(required("peer.url")),
                required("peer.token"),
                Path.of(required("peer.agents")),
                Integer.parseInt(System.getProperty("peer.streams", "100")),
                Duration.ofSeconds(Long.parseLong(System.getProperty("peer.durationSeconds", "40"))),
                Integer.parseInt(System.getProperty("peer.bytesPerTick", "4096")),
                Duration.ofMillis(Long.parseLong(System.getProperty("peer.tickMillis", "100"))),
                Path.of(System.getProperty("peer.out", ".")));
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("system property " + name + " is not set (see bench/peers/gatling/README.md)");
        }
        return value;
    }

    /** Ticks each stream plans: the duration divided by the interval, as scaletest plans them. */
    long plannedTicks() {
        return duration.toNanos() / tick.toNanos();
    }

    /** ws:// for http://, wss:// for https://. */
    String webSocketBase() {
        String s = url.toString().replaceAll("/+$", "");
        return s.startsWith("https:") ? "wss:" + s.substring("https:".length()) : "ws:" + s.substring("http:".length());
    }
}
