package dev.scaletest.web;

import dev.scaletest.traffic.StreamFailure;
import java.nio.ByteBuffer;

/** Receives what the server sends on an open WebSocket session. Called on the client's I/O thread. */
public interface WsHandler {

    /** A complete binary message; the buffer is only valid during the call. */
    void onBinary(ByteBuffer data);

    /** A complete text message. */
    void onText(String text);

    /**
     * The session ended; called exactly once. {@code failure} is null after a close with status 1000
     * or after a local {@link WsSession#abort()}, otherwise the classified reason (WS_CLOSE with the
     * close code, or the I/O error).
     */
    void onClosed(StreamFailure failure);
}
