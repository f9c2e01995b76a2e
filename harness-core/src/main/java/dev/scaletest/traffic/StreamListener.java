package dev.scaletest.traffic;

import java.nio.ByteBuffer;

/**
 * Receives what a workspace sends back on a stream. Called on the transport's I/O thread: must be
 * quick and must not block. The buffer is only valid during the call.
 */
public interface StreamListener {
    void onBytes(ByteBuffer data);

    /**
     * The stream ended. {@code failure} is null for a normal end (peer closed after our finish, or a
     * normal WebSocket close 1000, SSH exit after EOF/SIGHUP), otherwise the classified reason.
     */
    void onClosed(StreamFailure failure);
}
