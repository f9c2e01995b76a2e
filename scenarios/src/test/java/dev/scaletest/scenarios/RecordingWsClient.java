package dev.scaletest.scenarios;

import dev.scaletest.web.WsClient;
import dev.scaletest.web.WsClientStats;
import dev.scaletest.web.WsHandler;
import dev.scaletest.web.WsRequest;
import dev.scaletest.web.WsSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A WebSocket client that records every upgrade request before handing it on. */
public final class RecordingWsClient implements WsClient {
    private final WsClient delegate;
    private final List<WsRequest> requests = new CopyOnWriteArrayList<>();

    public RecordingWsClient(WsClient delegate) {
        this.delegate = delegate;
    }

    public List<WsRequest> requests() {
        return new ArrayList<>(requests);
    }

    @Override
    public CompletableFuture<WsSession> connect(WsRequest request, WsHandler handler) {
        requests.add(request);
        return delegate.connect(request, handler);
    }

    @Override
    public int openSessions() {
        return delegate.openSessions();
    }

    @Override
    public WsClientStats stats() {
        return delegate.stats();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
