package dev.scaletest.simulator.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
    @Test
    void rendersAsGoDurationString() {
        assertEquals("0s", GoDuration.format(Duration.ZERO));
        assertEquals("1m0s", GoDuration.format(Duration.ofMinutes(1)));
        assertEquals("1h0m0s", GoDuration.format(Duration.ofHours(1)));
        assertEquals("1m30s", GoDuration.format(Duration.ofSeconds(90)));
        assertEquals("30s", GoDuration.format(Duration.ofSeconds(30)));
        assertEquals("1.5s", GoDuration.format(Duration.ofMillis(1500)));
        assertEquals("2h3m4.005s", GoDuration.format(Duration.ofHours(2).plusMinutes(3).plusSeconds(4).plusMillis(5)));
        assertEquals("250ms", GoDuration.format(Duration.ofMillis(250)));
        assertEquals("1.5ms", GoDuration.format(Duration.ofNanos(1_500_000)));
        assertEquals("2µs", GoDuration.format(Duration.ofNanos(2_000)));
        assertEquals("7ns", GoDuration.format(Duration.ofNanos(7)));
        assertEquals("-1m0s", GoDuration.format(Duration.ofMinutes(-1)));
    }
}
