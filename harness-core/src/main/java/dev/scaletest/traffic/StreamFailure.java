package dev.scaletest.traffic;

import dev.scaletest.errors.ErrorClass;
import java.util.OptionalInt;

/**
 * A transport-level failure with its class and a one-line detail naming the endpoint. When the peer
 * ended a WebSocket with a close frame, its status code comes along ({@link #peerCloseStatus()}):
 * Coder counts only some of those as read errors.
 */
public final class StreamFailure extends Exception {
    private static final int NONE = -1;

    private final ErrorClass errorClass;
    private final int peerCloseStatus;

    public StreamFailure(ErrorClass errorClass, String message, Throwable cause) {
        this(errorClass, message, cause, NONE);
    }

    public StreamFailure(ErrorClass errorClass, String message) {
        this(errorClass, message, null, NONE);
    }

    private StreamFailure(ErrorClass errorClass, String message, Throwable cause, int peerCloseStatus) {
        super(message, cause);
        this.errorClass = errorClass;
        this.peerCloseStatus = peerCloseStatus;
    }

    /** The peer closed the WebSocket with a close frame carrying {@code status}. */
    public static StreamFailure closedByPeer(int status, String message) {
        return new StreamFailure(ErrorClass.WS_CLOSE, message, null, status);
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    /** The status of the close frame the peer sent, when a close frame ended the stream. */
    public OptionalInt peerCloseStatus() {
        return peerCloseStatus == NONE ? OptionalInt.empty() : OptionalInt.of(peerCloseStatus);
    }
}
