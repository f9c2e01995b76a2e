package dev.scaletest.web;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.handshake.Handshakedata;

/**
 * RFC 6455 without extensions that keeps the raw bytes of the server's upgrade response, because
 * Java-WebSocket drops the status line and body of a refused upgrade, and Coder puts its reason
 * (e.g. the agent state) in that body.
 */
final class HandshakeRecordingDraft extends Draft_6455 {

    private final int maxMessageBytes;
    private final AtomicReference<byte[]> response;

    HandshakeRecordingDraft(int maxMessageBytes, AtomicReference<byte[]> response) {
        super(List.of(), maxMessageBytes);
        this.maxMessageBytes = maxMessageBytes;
        this.response = response;
    }

    @Override
    public Handshakedata translateHandshake(ByteBuffer buffer) throws InvalidHandshakeException {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        response.set(bytes);
        return super.translateHandshake(buffer);
    }

    @Override
    public Draft copyInstance() {
        return new HandshakeRecordingDraft(maxMessageBytes, response);
    }
}
