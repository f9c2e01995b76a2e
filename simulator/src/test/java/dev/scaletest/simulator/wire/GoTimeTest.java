package dev.scaletest.simulator.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GoTimeTest {
    @Test
    void rendersLikeGoRfc3339NanoWithTrailingZerosTrimmed() {
        assertEquals("2023-10-05T12:03:56.395813665Z", GoTime.format(Instant.parse("2023-10-05T12:03:56.395813665Z")));
        assertEquals("2023-10-05T12:03:56.3958Z", GoTime.format(Instant.parse("2023-10-05T12:03:56.395800000Z")));
        assertEquals("2023-10-05T12:03:56Z", GoTime.format(Instant.parse("2023-10-05T12:03:56Z")));
        assertEquals(null, GoTime.format(null));
    }

    @Test
    void stringIsGosTimeStringOfAPostgresTimestamp() {
        assertEquals("2026-01-02 10:00:00.123456 +0000 UTC", GoTime.string(Instant.parse("2026-01-02T10:00:00.123456789Z")));
        assertEquals("2026-01-02 10:00:00.1 +0000 UTC", GoTime.string(Instant.parse("2026-01-02T10:00:00.100Z")));
        assertEquals("2026-01-02 10:00:00 +0000 UTC", GoTime.string(Instant.parse("2026-01-02T10:00:00Z")));
    }
}
