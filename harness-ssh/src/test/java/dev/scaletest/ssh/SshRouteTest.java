package dev.scaletest.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SshRouteTest {
    @Test
    void proxyCommandSubstitutesPlaceholders() {
        SshRoute.ProxyCommand route = SshRoute.proxyCommand(
                "coder ssh --stdio {workspace} # {user} {host} {port}", "ws-1", "coder.ws-1", 2222);
        assertEquals("coder ssh --stdio ws-1 # me.ws-1 coder.ws-1 2222", route.commandLine("me.ws-1"));
        assertEquals("coder.ws-1", route.hostKeyName());
        assertEquals(2222, route.hostKeyPort());
    }

    @Test
    void proxyCommandQuotesUnsafeValuesForTheShell() {
        SshRoute.ProxyCommand route = SshRoute.proxyCommand("echo {workspace}", "a b;rm -rf x'");
        assertEquals("echo 'a b;rm -rf x'\"'\"''", route.commandLine("u"));
    }

    @Test
    void proxyCommandWithoutHostLooksUpTheWorkspaceOnPort22() {
        SshRoute.ProxyCommand route = SshRoute.proxyCommand("coder ssh --stdio {workspace}", "ws-2");
        assertEquals("ws-2", route.hostKeyName());
        assertEquals(22, route.hostKeyPort());
        assertEquals("ws-2 via proxy command", route.label());
    }

    @Test
    void hostAndPortDefaultToWhatOpenSshWouldPassForTheWorkspaceName() {
        SshRoute.ProxyCommand route = SshRoute.proxyCommand("nc {host} {port}", "ws-3");
        assertEquals("nc ws-3 22", route.commandLine("u"));
    }

    @Test
    void ownerPlaceholderNamesTheWorkspaceForCoderSsh() {
        SshRoute.ProxyCommand route = new SshRoute.ProxyCommand("coder ssh --stdio {owner}/{workspace}", "scaletest-abc-0",
                "scaletest-abc-0-ws", null, 0, Map.of());
        assertEquals("coder ssh --stdio scaletest-abc-0/scaletest-abc-0-ws", route.commandLine("scaletest-abc-0.scaletest-abc-0-ws"));
    }

    @Test
    void invalidRoutesNameTheProblem() {
        IllegalArgumentException owner = assertThrows(IllegalArgumentException.class,
                () -> SshRoute.proxyCommand("coder ssh --stdio {owner}/{workspace}", "ws"));
        assertTrue(owner.getMessage().contains("{owner}"), owner.getMessage());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> SshRoute.proxyCommand("coder ssh --stdio {wrkspace}", "ws"));
        assertEquals("unknown placeholder {wrkspace} (the placeholders are {owner}, {workspace}, {user}, {host}, {port})",
                typo.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SshRoute.direct("h", 0));
        assertThrows(IllegalArgumentException.class, () -> SshRoute.direct(" ", 22));
        IllegalArgumentException file = assertThrows(IllegalArgumentException.class,
                () -> HostKeyPolicy.knownHosts(Path.of("/nonexistent/known_hosts")));
        assertTrue(file.getMessage().contains("/nonexistent/known_hosts"), file.getMessage());
    }
}
