package dev.scaletest.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class CompactHistogramsTest {

    @Test
    void decodedIntervalsHoldTheSameCountsAndStamps() {
        Histogram echo = LatencyRecorder.newHistogram();
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            echo.recordValue(1 + random.nextInt(2_000_000));
        }
        echo.recordValue(LatencyRecorder.HIGHEST_TRACKABLE_MICROS);
        Histogram empty = LatencyRecorder.newHistogram();
        Map<String, Histogram> source = new TreeMap<>(Map.of("echo", echo, "empty", empty));

        Map<String, Histogram> kept = CompactHistograms.of(source, 1000, 2000);

        assertEquals(List.of("echo", "empty"), List.copyOf(kept.keySet()));
        Histogram back = kept.get("echo");
        assertEquals(echo, back, "same counts in every bucket");
        assertEquals(echo.getValueAtPercentile(99), back.getValueAtPercentile(99));
        assertEquals(1000, back.getStartTimeStamp());
        assertEquals(2000, back.getEndTimeStamp());
        assertEquals(0, kept.get("empty").getTotalCount());
        assertNull(kept.get("missing"));
        assertNotSame(kept.get("echo"), kept.get("echo"), "each read is the caller's own copy");
        back.recordValue(5);
        assertEquals(echo.getTotalCount(), kept.get("echo").getTotalCount(), "changing a copy leaves the kept one");
        kept.forEach((name, h) -> assertEquals(source.get(name), h));
    }

    @Test
    void readsCanBeMergedWithFullRangeHistograms() {
        Histogram small = LatencyRecorder.newHistogram();
        small.recordValue(100);
        Histogram back = CompactHistograms.of(Map.of("op", small), 0, 1).get("op");
        Histogram big = LatencyRecorder.newHistogram();
        big.recordValue(3_000_000_000L);
        back.add(big);
        assertEquals(2, back.getTotalCount());
        assertTrue(back.getMaxValue() >= 2_999_000_000L);
    }
}
