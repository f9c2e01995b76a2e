package dev.scaletest.simulator.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The httprate maths on a clock the test moves: no sleeps. */
class SlidingWindowLimiterTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    /** A minute boundary: 2026-03-01T12:00:00Z. */
    private static final Instant WINDOW_START = Instant.parse("2026-03-01T12:00:00Z");

    private static final class MovableClock implements InstantSource {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void set(Instant instant) {
            now = instant;
        }
    }

    private final MovableClock clock = new MovableClock(WINDOW_START);

    private static int admitted(SlidingWindowLimiter limiter, String key, int attempts) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.admit(key).admitted()) {
                admitted++;
            }
        }
        return admitted;
    }

    @Test
    void admitsTheLimitThenRefusesWithHttprateHeaderValues() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(3, MINUTE, clock, 100);
        clock.set(WINDOW_START.plusSeconds(30));
        long reset = WINDOW_START.plusSeconds(60).getEpochSecond();
        assertEquals(new LimitDecision(true, 3, 2, reset, 60), limiter.admit("a"));
        assertEquals(new LimitDecision(true, 3, 1, reset, 60), limiter.admit("a"));
        assertEquals(new LimitDecision(true, 3, 0, reset, 60), limiter.admit("a"));
        assertEquals(new LimitDecision(false, 3, 0, reset, 60), limiter.admit("a"));
        assertTrue(limiter.admit("b").admitted(), "each key has its own count");
    }

    @Test
    void theWindowIsAlignedToWallClockTruncation() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(5, MINUTE, clock, 100);
        clock.set(WINDOW_START.plusSeconds(59).plusNanos(999_999_999));
        assertEquals(WINDOW_START.plusSeconds(60).getEpochSecond(), limiter.admit("a").resetEpochSecond());
        clock.set(WINDOW_START.plusSeconds(60));
        assertEquals(WINDOW_START.plusSeconds(120).getEpochSecond(), limiter.admit("a").resetEpochSecond());
    }

    @Test
    void windowsThatDoNotDivideADayAreAlignedToGosZeroTime() {
        // Go truncates since January 1 of year 1, 62135596800 s before the Unix epoch, and
        // 62135596800 mod 7 = 4: the 7 s window around the epoch runs from -4 s to 3 s.
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(5, Duration.ofSeconds(7), clock, 100);
        clock.set(Instant.EPOCH);
        assertEquals(3, limiter.admit("a").resetEpochSecond());
        assertEquals(7, limiter.admit("a").retryAfterSeconds());
    }

    @Test
    void refusedRequestsAreNotCounted() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(10, MINUTE, clock, 100);
        assertEquals(10, admitted(limiter, "a", 10));
        assertEquals(0, admitted(limiter, "a", 50));
        // Half-way through the next window the previous ten weigh five: five more fit. Had the fifty
        // refusals counted, the previous window would weigh thirty and nothing would fit.
        clock.set(WINDOW_START.plusSeconds(90));
        assertEquals(5, admitted(limiter, "a", 20));
    }

    @Test
    void thePreviousWindowWeighsWhatStillOverlapsTheSlidingWindow() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(8, MINUTE, clock, 100);
        assertEquals(8, admitted(limiter, "a", 8));
        clock.set(WINDOW_START.plusSeconds(60));
        assertFalse(limiter.admit("a").admitted(), "at the boundary the previous window weighs in full");
        clock.set(WINDOW_START.plusSeconds(105));
        // 8 × (60 − 45) / 60 = 2 → six more, and X-RateLimit-Remaining counts down from 8 − 2 − 1.
        assertEquals(5, limiter.admit("a").remaining());
        assertEquals(5, admitted(limiter, "a", 10));
        clock.set(WINDOW_START.plusSeconds(180));
        assertEquals(8, admitted(limiter, "a", 10), "two windows later the key starts fresh");
    }

    @Test
    void theRateIsRoundedToTheNearestIntegerHalfUp() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(4, MINUTE, clock, 100);
        assertEquals(3, admitted(limiter, "a", 3));
        clock.set(WINDOW_START.plusSeconds(90));
        // 3 × 0.5 = 1.5 rounds to 2 (Go's math.Round): remaining 4 − 2 − 1.
        assertEquals(1, limiter.admit("a").remaining());
    }

    @Test
    void aFreshKeyIsAlwaysAdmittedAndNeverTracked() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(1, MINUTE, clock, 100);
        for (int i = 0; i < 5; i++) {
            LimitDecision decision = limiter.admitFreshKey();
            assertTrue(decision.admitted());
            assertEquals(0, decision.remaining());
        }
        assertEquals(0, limiter.trackedKeys());
    }

    @Test
    void keysOlderThanThePreviousWindowAreDropped() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(5, MINUTE, clock, 100);
        limiter.admit("a");
        limiter.admit("b");
        clock.set(WINDOW_START.plusSeconds(61));
        limiter.admit("c");
        assertEquals(3, limiter.trackedKeys(), "a and b still weigh in the sliding window");
        clock.set(WINDOW_START.plusSeconds(121));
        limiter.admit("d");
        assertEquals(2, limiter.trackedKeys(), "a and b are two windows old; c and d remain");
    }

    @Test
    void beyondTheBoundTheLeastRecentlyUsedKeyIsDropped() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(1, MINUTE, clock, 2);
        limiter.admit("a");
        limiter.admit("b");
        assertFalse(limiter.admit("a").admitted());
        limiter.admit("c");
        assertEquals(2, limiter.trackedKeys());
        assertFalse(limiter.admit("a").admitted(), "a was used last and is still counted");
        assertTrue(limiter.admit("b").admitted(), "b was dropped and starts over");
    }
}
