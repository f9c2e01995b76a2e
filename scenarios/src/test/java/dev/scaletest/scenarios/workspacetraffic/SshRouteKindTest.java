package dev.scaletest.scenarios.workspacetraffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.scenarios.ConfigException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshRouteKindTest {
    private static final SshAccess NONE = SshAccess.defaults(Path.of("known_hosts"));

    private static SshAccess with(Optional<String> address, Optional<String> proxy) {
        return new SshAccess(address, proxy, SshAccess.DEFAULT_USER, Optional.empty(), Path.of("known_hosts"), false, false, false);
    }

    @Test
    void routeFollowsTheFlags() {
        assertEquals(SshRouteKind.BUILT_IN_SIMULATOR, SshRouteKind.of(NONE, true));
        assertEquals(SshRouteKind.ADDRESS, SshRouteKind.of(with(Optional.of("h:22"), Optional.empty()), true));
        assertEquals(SshRouteKind.PROXY_COMMAND, SshRouteKind.of(with(Optional.empty(), Optional.of("coder ssh --stdio {owner}/{workspace}")), false));
        assertEquals(SshRouteKind.PROXY_COMMAND, SshRouteKind.of(with(Optional.of("h:22"), Optional.of("nc {host} {port}")), false));
        assertThrows(ConfigException.class, () -> SshRouteKind.of(NONE, false));
    }

    @Test
    void onlyTheBuiltInSimulatorGetsTheSessionToken() {
        assertTrue(SshRouteKind.BUILT_IN_SIMULATOR.offersSessionToken());
        assertFalse(SshRouteKind.ADDRESS.offersSessionToken());
        assertFalse(SshRouteKind.PROXY_COMMAND.offersSessionToken());
    }

    @Test
    void proxyCommandsSkipHostKeysUnlessStrictAsCodersToolDoes() {
        assertFalse(SshRouteKind.PROXY_COMMAND.checksHostKeys(false));
        assertTrue(SshRouteKind.PROXY_COMMAND.checksHostKeys(true));
        assertTrue(SshRouteKind.ADDRESS.checksHostKeys(false));
        assertTrue(SshRouteKind.BUILT_IN_SIMULATOR.checksHostKeys(false));
    }
}
