package dev.scaletest.web;

import java.util.function.Supplier;

/** Both WebSocket client implementations, so every network test runs against each. */
enum ClientKind {
    NETTY(() -> new NettyWsClient(1)),
    JAVA_WEBSOCKET(JavaWsClient::new);

    private final Supplier<WsClient> factory;

    ClientKind(Supplier<WsClient> factory) {
        this.factory = factory;
    }

    WsClient create() {
        return factory.get();
    }
}
