package dev.scaletest.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CoderUrlsTest {

    private static final UUID AGENT = UUID.fromString("11111111-2222-4333-8444-555555555555");
    private static final UUID RECONNECT = UUID.fromString("66666666-7777-4888-9999-aaaaaaaaaaaa");

    @Test
    void terminalUrlEncodesLikeGoWithSortedKeys() {
        PtyTarget target = new PtyTarget(AGENT, RECONNECT, "echo 'a*b~c' && exit", 80, 25, "x");
        assertEquals("wss://coder.example.com/prefix/api/v2/workspaceagents/" + AGENT + "/pty"
                        + "?command=echo+%27a%2Ab~c%27+%26%26+exit&height=25&reconnect=" + RECONNECT + "&width=80",
                CoderUrls.terminal(URI.create("https://coder.example.com/prefix/"), target).toString());
    }

    @Test
    void emptyCommandStillSendsTheKey() {
        PtyTarget target = new PtyTarget(AGENT, RECONNECT, "", 80, 24, "x");
        assertEquals("ws://127.0.0.1:3000/api/v2/workspaceagents/" + AGENT + "/pty?command=&height=24&reconnect="
                + RECONNECT + "&width=80", CoderUrls.terminal(URI.create("http://127.0.0.1:3000"), target).toString());
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
}
