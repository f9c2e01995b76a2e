package dev.scaletest.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Builds the WebSocket URLs coderd serves, encoded the way Coder's Go client encodes them. */
public final class CoderUrls {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CoderUrls() {}

    /** http → ws and https → wss; ws and wss stay as they are. */
    public static URI toWebSocket(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        String wsScheme = switch (scheme) {
            case "http", "ws" -> "ws";
            case "https", "wss" -> "wss";
            default -> throw new IllegalArgumentException("not an http(s) or ws(s) URL: " + url);
        };
        String rest = url.toString().substring(url.getScheme().length());
        return URI.create(wsScheme + rest);
    }

    /**
     * {@code <base>/api/v2/workspaceagents/<agent>/pty?command=..&height=..&reconnect=..&width=..}
     * with the keys sorted (Go's {@code url.Values.Encode}).
     */
    public static URI terminal(URI base, PtyTarget target) {
        Map<String, String> query = new TreeMap<>();
        query.put("command", target.command());
        query.put("height", Integer.toString(target.height()));
        query.put("reconnect", target.reconnect().toString());
        query.put("width", Integer.toString(target.width()));
        return toWebSocket(URI.create(apiBase(base) + "/workspaceagents/" + target.agentId() + "/pty?" + encode(query)));
    }

    /** {@code <base>/api/v2/workspacebuilds/<id>/logs?follow}, plus {@code &after=N} only when N > 0. */
    public static URI buildLogs(URI base, UUID buildId, long after) {
        String query = after > 0 ? "?follow&after=" + after : "?follow";
        return toWebSocket(URI.create(apiBase(base) + "/workspacebuilds/" + buildId + "/logs" + query));
    }

    /** Form-encodes a query like Go's {@code url.Values.Encode} (keys in the map's order). */
    public static String encode(Map<String, String> query) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> entry : query.entrySet()) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            escapeQueryComponent(entry.getKey(), out);
            out.append('=');
            escapeQueryComponent(entry.getValue(), out);
        }
        return out.toString();
    }

    /** Go's {@code url.QueryEscape}: unreserved bytes stay, space becomes '+', the rest %XX. */
    public static void escapeQueryComponent(String value, StringBuilder out) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
    }

    private static String apiBase(URI base) {
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text + "/api/v2";
    }
}
