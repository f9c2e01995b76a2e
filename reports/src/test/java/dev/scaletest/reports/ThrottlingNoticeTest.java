package dev.scaletest.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThrottlingNoticeTest {
    private static Throttling waited(long ms) {
        return new Throttling(new java.util.TreeMap<>(Map.of("POST /users/login", new Throttling.Route(3, ms))));
    }

    @Test
    void aQuarterOfTheRunsTimeOrMoreNamesCodersSettings() {
        assertEquals(Optional.of("scaletest: runs spent 41% of their time waiting on coderd's rate limits (HTTP 429); for scale "
                + "tests coderd usually runs with --dangerous-disable-rate-limits, or raise --api-rate-limit (default 512/min per "
                + "user and endpoint); logins are limited to 60/min per IP"), ThrottlingNotice.line(waited(41_000), Duration.ofSeconds(100)));
        assertTrue(ThrottlingNotice.line(waited(25_000), Duration.ofSeconds(100)).isPresent());
    }

    @Test
    void lessThanAQuarterOrNoThrottlingStaysQuiet() {
        assertEquals(Optional.empty(), ThrottlingNotice.line(waited(24_999), Duration.ofSeconds(100)));
        assertEquals(Optional.empty(), ThrottlingNotice.line(Throttling.NONE, Duration.ofSeconds(100)));
        assertEquals(Optional.empty(), ThrottlingNotice.line(Throttling.NONE, Duration.ZERO));
    }

    @Test
    void aReportIsJudgedAgainstItsRunsSummedDurations() {
        ScaletestReport report = ReportFixtures.report();
        // 8 runs of 31 s to 32.75 s: 255 s in all, of which 244.15 s were spent waiting
        assertEquals(Duration.ofMillis(255_000), ThrottlingNotice.summedDuration(report.results()));
        assertTrue(ThrottlingNotice.line(report).orElseThrow().startsWith("scaletest: runs spent 96% of their time"));
    }
}
