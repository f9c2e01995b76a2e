package dev.scaletest.bench.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Durations in microseconds, one histogram per wall-clock second, so the bench can take the
 * percentiles of exactly its steady window. Used for tick lateness (Gatling's own statistics hold
 * response times only, not when a send was due) and for the echo round trip at microsecond
 * resolution (Gatling's report rounds to milliseconds).
 */
final class SecondHistograms {

    /** One hour in microseconds: far beyond any tick a run would still send. */
    private static final long HIGHEST_MICROS = 3_600_000_000L;

    private final Map<Long, SynchronizedHistogram> bySecond = new ConcurrentHashMap<>();

    void record(long epochMillis, long nanos) {
        long micros = Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000));
        bySecond.computeIfAbsent(epochMillis / 1000, s -> new SynchronizedHistogram(HIGHEST_MICROS, 3)).recordValue(micros);
    }

    /**
     * One JSON line per second: {@code {"second":S,"values":[[micros,count],...]}}, each value the
     * highest of its histogram bucket.
     */
    void write(Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<Long, SynchronizedHistogram> second : new TreeMap<>(bySecond).entrySet()) {
                StringBuilder line = new StringBuilder("{\"second\":").append(second.getKey()).append(",\"values\":[");
                String sep = "";
                for (HistogramIterationValue v : second.getValue().copy().recordedValues()) {
                    line.append(sep).append('[').append(v.getValueIteratedTo()).append(',').append(v.getCountAtValueIteratedTo()).append(']');
                    sep = ",";
                }
                out.write(line.append("]}\n").toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
