package dev.scaletest.simulator.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What a route answers: a JSON body with a status, a text or HTML body, no body, a redirect, or taking over
 * the connection (WebSocket upgrade).
 */
public sealed interface Reply {

    record Json(int status, Object body, Map<String, String> headers) implements Reply {
        public Json(int status, Object body) {
            this(status, body, Map.of());
        }
    }

    /** A non-JSON body, such as Go's plain-text {@code http.Error} or coderd's HTML error page. */
    record Text(int status, String contentType, String body, Map<String, String> headers) implements Reply {
    }

    /** A status without a body, such as coderd's 204 after a deletion. */
    record Empty(int status) implements Reply {
    }

    /** Empty-bodied redirect, as coderd answers for app paths without their trailing slash. */
    record Redirect(int status, String location) implements Reply {
    }

    /** Hands the channel to a stream handler; the request is released by the caller afterwards. */
    record TakeOver(BiConsumer<ChannelHandlerContext, FullHttpRequest> action) implements Reply {
    }
}
