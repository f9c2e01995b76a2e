package dev.scaletest.coder.wire;

import dev.scaletest.coder.model.AppHost;
import dev.scaletest.coder.model.WorkspaceApp;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Every address scaletest opens on a Coder deployment: REST calls, the WebSocket streams (web
 * terminal, build logs) and workspace apps, encoded the way Coder's Go client encodes them.
 *
 * <p><b>Path prefix rule.</b> API routes, REST and WebSocket alike, are the absolute path
 * {@code /api/v2/...} resolved against the deployment URL, as Coder's client does with
 * {@code c.URL.Parse("/api/v2/...")} in {@code codersdk.Client.Request}, {@code Dial} and
 * {@code AgentReconnectingPTY}: a path on {@code --url} (say {@code https://h/coder/}) is dropped,
 * because coderd serves its API only at the root. App URLs are the exception in Coder's tool too:
 * a path app is the URL text with {@code /@owner/...} appended, so a path on the URL stays.
 */
public final class CoderUrls {

    private CoderUrls() {}

    /**
     * An API route: {@code path} (absolute, e.g. {@code /api/v2/users/me}) resolved against
     * {@code base} by the rule above, with {@code query} when it has values.
     */
    public static URI api(URI base, String path, GoQuery query) {
        return base.resolve(query == null || query.isEmpty() ? path : path + "?" + query.encode());
    }

    /** http → ws and https → wss; ws and wss stay as they are. */
    public static URI toWebSocket(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String wsScheme = switch (scheme) {
            case "http", "ws" -> "ws";
            case "https", "wss" -> "wss";
            default -> throw new IllegalArgumentException("not an http(s) or ws(s) URL: " + url);
        };
        String rest = url.toString().substring(url.getScheme().length());
        return URI.create(wsScheme + rest);
    }

    /**
     * The reconnecting PTY: {@code /api/v2/workspaceagents/<agent>/pty?command=..&height=..&reconnect=..&width=..},
     * keys sorted as Go's {@code url.Values.Encode} sorts them; the command key is sent even when empty.
     */
    public static URI terminal(URI base, UUID agent, UUID reconnect, int width, int height, String command) {
        GoQuery query = new GoQuery()
                .set("command", command)
                .set("height", Integer.toString(height))
                .set("reconnect", reconnect.toString())
                .set("width", Integer.toString(width));
        return toWebSocket(api(base, "/api/v2/workspaceagents/" + agent + "/pty", query));
    }

    /**
     * The build-log stream: {@code /api/v2/workspacebuilds/<id>/logs?follow}, plus {@code &after=N}
     * only when N > 0 (Coder sends the bare {@code follow} key, which {@link GoQuery} cannot write).
     */
    public static URI buildLogs(URI base, UUID build, long after) {
        String query = after > 0 ? "?follow&after=" + after : "?follow";
        return toWebSocket(base.resolve("/api/v2/workspacebuilds/" + build + "/logs" + query));
    }

    /**
     * A workspace app's http(s) URL, as Coder's tool computes it: a subdomain app on the wildcard
     * app host with its {@code *} replaced by the app's subdomain name (scheme of {@code base}); a
     * path app at {@code <base>/@<owner>/<workspace>.<agent>/apps/<slug>/} (the trailing slash
     * spares coderd's redirect to it). Empty for a subdomain app when the deployment has no
     * wildcard app host.
     */
    public static Optional<URI> app(URI base, AppHost appHost, String owner, String workspace, String agent, WorkspaceApp app) {
        if (app.subdomain()) {
            if (appHost == null || !appHost.configured()) {
                return Optional.empty();
            }
            String pattern = appHost.host();
            int star = pattern.indexOf('*');
            String host = star < 0 ? pattern : pattern.substring(0, star) + app.subdomainName() + pattern.substring(star + 1);
            return Optional.of(URI.create(base.getScheme() + "://" + host + "/"));
        }
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1) : base.toString();
        return Optional.of(URI.create(root + "/@" + owner + "/" + workspace + "." + agent + "/apps/" + app.slug() + "/"));
    }
}
