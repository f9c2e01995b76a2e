package dev.scaletest.simulator.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** API keys on a clock the test moves: a token is good up to its expiry instant and not after. */
class ApiKeysTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T12:00:00Z"));
    private final ApiKeys keys = new ApiKeys(() -> now.get());
    private final UUID user = UUID.randomUUID();

    @Test
    void aTokenAuthenticatesUntilItsLifetimeEndsThenReportsItsExpiry() {
        String token = keys.newToken(user, "scaletest-run", Duration.ofMinutes(10)).token();
        assertEquals(new ApiKeys.Lookup.Valid(user), keys.lookup(token));
        now.set(now.get().plus(Duration.ofMinutes(10)));
        assertEquals(new ApiKeys.Lookup.Valid(user), keys.lookup(token));
        now.set(now.get().plusNanos(1));
        ApiKeys.Lookup expired = keys.lookup(token);
        assertInstanceOf(ApiKeys.Lookup.Expired.class, expired);
        assertEquals(Instant.parse("2026-03-01T12:10:00Z"), ((ApiKeys.Lookup.Expired) expired).expiresAt());
    }

    @Test
    void aWrongSecretOrUnknownIdIsUnknown() {
        String token = keys.newToken(user, "t", Duration.ofHours(1)).token();
        String id = token.substring(0, token.indexOf('-'));
        assertInstanceOf(ApiKeys.Lookup.Unknown.class, keys.lookup(id + "-" + "x".repeat(22)));
        assertInstanceOf(ApiKeys.Lookup.Unknown.class, keys.lookup("nodash"));
        assertInstanceOf(ApiKeys.Lookup.Unknown.class, keys.lookup(null));
        assertTrue(keys.delete(id));
        assertInstanceOf(ApiKeys.Lookup.Unknown.class, keys.lookup(token));
        assertFalse(keys.delete(id));
    }

    @Test
    void namesAreTakenPerUserAndOnlyByTokens() {
        keys.newToken(user, "scaletest-run", Duration.ofHours(1));
        keys.newSession(user);
        assertTrue(keys.tokenNameTaken(user, "scaletest-run"));
        assertFalse(keys.tokenNameTaken(UUID.randomUUID(), "scaletest-run"));
        keys.deleteAllOf(user);
        assertFalse(keys.tokenNameTaken(user, "scaletest-run"));
        assertTrue(keys.all().isEmpty());
    }
}
