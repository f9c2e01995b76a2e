package dev.scaletest.traffic;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WarmUpWindowTest {

    @Test
    void ticksDueWithinTheWindowFromTheFirstTickAreWarmUpAndLaterOnesSteady() {
        WarmUpWindow window = new WarmUpWindow(Duration.ofSeconds(10));
        long first = -5_000_000_000L; // nanoTime may be negative
        assertTrue(window.covers(first), "the first tick starts the window");
        assertTrue(window.covers(first + Duration.ofMillis(9_999).toNanos()));
        assertFalse(window.covers(first + Duration.ofSeconds(10).toNanos()), "the window is half-open");
        assertFalse(window.covers(first + Duration.ofSeconds(60).toNanos()));
        assertTrue(window.covers(first + Duration.ofSeconds(2).toNanos()), "a tick due early but asked about late is still warm-up");
    }

    @Test
    void withoutAWarmUpEveryTickIsSteady() {
        assertFalse(WarmUpWindow.NONE.active());
        assertFalse(WarmUpWindow.NONE.covers(0));
        assertFalse(WarmUpWindow.NONE.covers(1));
        assertThrows(IllegalArgumentException.class, () -> new WarmUpWindow(Duration.ofSeconds(-1)));
    }
}
