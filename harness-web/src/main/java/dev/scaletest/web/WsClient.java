package dev.scaletest.web;

import java.util.concurrent.CompletableFuture;

/**
 * Opens client WebSocket connections. One instance is shared by all streams of a run; closing it
 * releases its threads and drops the connections it still holds.
 */
public interface WsClient extends AutoCloseable {

    /**
     * Connects and upgrades. Completes with an open session, or exceptionally with a
     * {@link dev.scaletest.traffic.StreamFailure} classified as CONNECT, TLS, AUTH, HANDSHAKE_STATUS
     * or TIMEOUT. {@code handler} is only called once the session is open.
     */
    CompletableFuture<WsSession> connect(WsRequest request, WsHandler handler);

    /** Sessions currently open through this client. */
    int openSessions();

    /** Totals since creation: sessions, connect failures, messages and bytes each way. */
    WsClientStats stats();

    /** Short name for logs and reports, e.g. {@code netty}. */
    String name();

    @Override
    void close();
}
