package dev.scaletest.simulator.api;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.List;
import java.util.Map;

/** Finds the session token where Coder clients put it: header, cookie, or query parameter. */
public final class SessionToken {
    public static final String HEADER = "Coder-Session-Token";
    public static final String COOKIE = "coder_session_token";

    private SessionToken() {
    }

    public static String find(HttpRequest request, Map<String, List<String>> query) {
        String header = request.headers().get(HEADER);
        if (header != null && !header.isEmpty()) {
            return header;
        }
        for (String cookieHeader : request.headers().getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie cookie : ServerCookieDecoder.LAX.decode(cookieHeader)) {
                if (COOKIE.equals(cookie.name()) && !cookie.value().isEmpty()) {
                    return cookie.value();
                }
            }
        }
        List<String> values = query.get(COOKIE);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }
}
