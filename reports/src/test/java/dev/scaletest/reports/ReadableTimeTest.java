package dev.scaletest.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadableTimeTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0 ms",
        "400000, 0 ms",
        "340000000, 340 ms",
        "999400000, 999 ms",
        "999600000, 1.0 s",
        "5110888949, 5.1 s",
        "59940000000, 59.9 s",
        "59960000000, 1 min",
        "123000000000, 2 min 3 s",
        "123600000000, 2 min 4 s",
        "3600000000000, 1 h",
        "3905000000000, 1 h 5 min 5 s",
        "3603000000000, 1 h 3 s",
        "90061000000000, 25 h 1 min 1 s",
        "-1500000000, -1.5 s",
    })
    void durationsAsPeopleReadThem(long nanos, String expected) {
        assertEquals(expected, ReadableTime.duration(Duration.ofNanos(nanos)));
    }

    @Test
    void timesInUtcToTheSecond() {
        assertEquals("2026-12-06 09:30:31 UTC", ReadableTime.instant(Instant.parse("2026-12-06T09:30:31.987654Z")));
        assertEquals("2026-12-06 00:00:00 UTC", ReadableTime.instant(Instant.parse("2026-12-06T00:00:00Z")));
    }
}
