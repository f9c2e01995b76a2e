package dev.scaletest.coder.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.coder.model.AppHost;
import dev.scaletest.coder.model.WorkspaceApp;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CoderUrlsTest {

    private static final UUID AGENT = UUID.fromString("11111111-2222-4333-8444-555555555555");
    private static final UUID RECONNECT = UUID.fromString("66666666-7777-4888-9999-aaaaaaaaaaaa");

    @Test
    void terminalUrlEncodesLikeGoWithSortedKeys() {
        assertEquals("wss://coder.example.com/api/v2/workspaceagents/" + AGENT + "/pty"
                        + "?command=echo+%27a%2Ab~c%27+%26%26+exit&height=25&reconnect=" + RECONNECT + "&width=80",
                CoderUrls.terminal(URI.create("https://coder.example.com"), AGENT, RECONNECT, 80, 25, "echo 'a*b~c' && exit")
                        .toString());
        assertEquals("wss://coder.example.com/api/v2/workspaceagents/" + AGENT + "/pty?command=dd+if%3D%2Fdev%2Fstdin+of%3D%2Fdev%2Fnull"
                        + "+bs%3D1024+status%3Dnone&height=25&reconnect=" + RECONNECT + "&width=80",
                CoderUrls.terminal(URI.create("https://coder.example.com"), AGENT, RECONNECT, 80, 25,
                        "dd if=/dev/stdin of=/dev/null bs=1024 status=none").toString());
    }

    @Test
    void emptyCommandStillSendsTheKey() {
        assertEquals("ws://127.0.0.1:3000/api/v2/workspaceagents/" + AGENT + "/pty?command=&height=24&reconnect="
                + RECONNECT + "&width=80", CoderUrls.terminal(URI.create("http://127.0.0.1:3000"), AGENT, RECONNECT, 80, 24, "").toString());
    }

    @Test
    void apiRoutesDropAPathOnTheUrlAsCodersClientDoes() {
        // Go: c.URL.Parse("/api/v2/...") replaces the URL's path, for REST and WebSocket alike.
        URI prefixed = URI.create("https://coder.example.com/prefix/");
        UUID build = UUID.fromString("0d0d0d0d-0d0d-4d0d-8d0d-0d0d0d0d0d0d");
        assertEquals("https://coder.example.com/api/v2/users/me", CoderUrls.api(prefixed, "/api/v2/users/me", null).toString());
        assertEquals("https://coder.example.com/api/v2/users?limit=100&q=a+b",
                CoderUrls.api(prefixed, "/api/v2/users", new GoQuery().set("q", "a b").setPositive("limit", 100)).toString());
        assertEquals("https://coder.example.com/api/v2/users", CoderUrls.api(prefixed, "/api/v2/users", new GoQuery()).toString());
        assertEquals("wss://coder.example.com/api/v2/workspaceagents/" + AGENT + "/pty?command=&height=25&reconnect=" + RECONNECT
                + "&width=80", CoderUrls.terminal(prefixed, AGENT, RECONNECT, 80, 25, "").toString());
        assertEquals("wss://coder.example.com/api/v2/workspacebuilds/" + build + "/logs?follow",
                CoderUrls.buildLogs(prefixed, build, 0).toString());
    }

    @Test
    void buildLogsUseTheBareFollowKey() {
        UUID build = UUID.fromString("0d0d0d0d-0d0d-4d0d-8d0d-0d0d0d0d0d0d");
        URI base = URI.create("http://coder:8080");
        assertEquals("ws://coder:8080/api/v2/workspacebuilds/" + build + "/logs?follow",
                CoderUrls.buildLogs(base, build, 0).toString());
        assertEquals("ws://coder:8080/api/v2/workspacebuilds/" + build + "/logs?follow&after=7",
                CoderUrls.buildLogs(base, build, 7).toString());
    }

    @Test
    void schemesMapToWebSocketSchemes() {
        assertEquals("wss://app--main--ws--admin.apps.example.com/",
                CoderUrls.toWebSocket(URI.create("https://app--main--ws--admin.apps.example.com/")).toString());
        assertEquals("ws://h/@admin/ws.main/apps/code/", CoderUrls.toWebSocket(URI.create("http://h/@admin/ws.main/apps/code/")).toString());
        assertThrows(IllegalArgumentException.class, () -> CoderUrls.toWebSocket(URI.create("ftp://h/")));
    }

    @Test
    void pathAppsKeepAPathOnTheUrlAsCodersToolDoes() {
        WorkspaceApp code = app("code", false, "");
        assertEquals("https://coder.example.com/prefix/@alice/ws-0.main/apps/code/", CoderUrls.app(URI.create("https://coder.example.com/prefix/"),
                new AppHost(""), "alice", "ws-0", "main", code).orElseThrow().toString());
        assertEquals("http://coder:8080/@alice/ws-0.main/apps/code/", CoderUrls.app(URI.create("http://coder:8080"),
                new AppHost("*.apps.example.com"), "alice", "ws-0", "main", code).orElseThrow().toString());
    }

    @Test
    void subdomainAppsNeedTheWildcardHost() {
        WorkspaceApp echo = app("echo", true, "echo--main--ws-0--alice");
        assertEquals("https://echo--main--ws-0--alice.apps.example.com/", CoderUrls.app(URI.create("https://coder.example.com/prefix"),
                new AppHost("*.apps.example.com"), "alice", "ws-0", "main", echo).orElseThrow().toString());
        assertEquals("http://echo--main--ws-0--alice--apps.example.com/", CoderUrls.app(URI.create("http://coder.example.com"),
                new AppHost("*--apps.example.com"), "alice", "ws-0", "main", echo).orElseThrow().toString());
        assertTrue(CoderUrls.app(URI.create("https://coder.example.com"), new AppHost(""), "alice", "ws-0", "main", echo).isEmpty());
        assertTrue(CoderUrls.app(URI.create("https://coder.example.com"), null, "alice", "ws-0", "main", echo).isEmpty());
    }

    private static WorkspaceApp app(String slug, boolean subdomain, String subdomainName) {
        return new WorkspaceApp(UUID.randomUUID(), slug, slug, "", "", false, subdomain, subdomainName, "owner", "healthy");
    }
}
