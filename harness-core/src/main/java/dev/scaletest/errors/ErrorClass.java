package dev.scaletest.errors;

/** Why a stream (or a request) failed, in the classes reports group errors by. */
public enum ErrorClass {
    CONNECT,
    TLS,
    AUTH,
    HANDSHAKE_STATUS,
    WS_CLOSE,
    SSH_CHANNEL,
    TIMEOUT,
    ECHO_MISMATCH,
    HTTP_STATUS,
    /** A workspace build that ended failed or canceled (create-workspaces). */
    BUILD_FAILED,
    OTHER
}
