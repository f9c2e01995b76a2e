package dev.scaletest.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0s",
        "1, 1ns",
        "999, 999ns",
        "1000, 1µs",
        "1100, 1.1µs",
        "123456, 123.456µs",
        "1000000, 1ms",
        "1500000, 1.5ms",
        "1234567, 1.234567ms",
        "300000000, 300ms",
        "1000000000, 1s",
        "1234567000, 1.234567s",
        "62345678901, 1m2.345678901s",
        "123500000000, 2m3.5s",
        "3600000000000, 1h0m0s",
        "-1500000, -1.5ms",
        "9223372036854775807, 2562047h47m16.854775807s",
    })
    void formatsLikeGo(long nanos, String expected) {
        assertEquals(expected, GoDuration.format(Duration.ofNanos(nanos)));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "300ms, 300000000",
        "5s, 5000000000",
        "1m30s, 90000000000",
        "2h, 7200000000000",
        "1.5h, 5400000000000",
        "10us, 10000",
        "10µs, 10000",
        "-1.5s, -1500000000",
        "+2m, 120000000000",
        "1h2m3s4ms5us6ns, 3723004005006",
        ".5s, 500000000",
    })
    void parsesLikeGo(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), GoDuration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "1d", "s", "1..2s", "-", "5 s", "abc"})
    void rejectsWhatGoRejects(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
        assertEquals(true, e.getMessage().startsWith("time: "), e.getMessage());
    }
}
