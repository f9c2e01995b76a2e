package dev.scaletest.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ResultsRenderingTest {
    private static final OffsetDateTime NOW = OffsetDateTime.of(2023, 10, 5, 12, 3, 56, 395813665, ZoneOffset.UTC);

    /** The data of Coder's own results golden test: 10 runs counted, three kept, two failed. */
    private static Results coderGolden() {
        TreeMap<String, RunResult> runs = new TreeMap<>();
        runs.put("test-0/0", new RunResult("test-0/0", "test-0", "0", "test-0/0 log line 1\ntest-0/0 log line 2",
                NOW, Duration.ofSeconds(1), "test-0/0 error"));
        runs.put("test-0/1", new RunResult("test-0/1", "test-0", "1", "test-0/1 log line 1\ntest-0/1 log line 2",
                NOW.plusNanos(333_000_000), Duration.ofSeconds(1), null));
        runs.put("test-0/2", new RunResult("test-0/2", "test-0", "2", "test-0/2 log line 1\ntest-0/2 log line 2",
                NOW.plusNanos(666_000_000), Duration.ofSeconds(1), "test-0/2 error"));
        return new Results(10, 8, 2, Duration.ofSeconds(1), runs);
    }

    @Test
    void textMatchesCodersLayout() {
        String expected = "\n== FAIL: test-0/0\n\n"
                + "\tError: test-0/0 error\n\n"
                + "\tLog:\n"
                + "\t\ttest-0/0 log line 1\n"
                + "\n== FAIL: test-0/2\n\n"
                + "\tError: test-0/2 error\n\n"
                + "\tLog:\n"
                + "\t\ttest-0/2 log line 1\n"
                + "\n\nTest results:\n"
                + "\tPass:  8\n"
                + "\tFail:  2\n"
                + "\tTotal: 10\n"
                + "\n"
                + "\tTotal duration: 1s\n"
                + "\tAvg. duration:  300ms\n";
        assertEquals(expected, ResultsText.render(coderGolden()));
    }

    @Test
    void jsonMatchesCodersEncoding() {
        String expected = "{\"total_runs\":10,\"total_pass\":8,\"total_fail\":2,\"elapsed\":\"1s\",\"elapsed_ms\":1000,\"runs\":{"
                + "\"test-0/0\":{\"full_id\":\"test-0/0\",\"test_name\":\"test-0\",\"id\":\"0\","
                + "\"logs\":\"test-0/0 log line 1\\ntest-0/0 log line 2\",\"started_at\":\"2023-10-05T12:03:56.395813665Z\","
                + "\"duration\":\"1s\",\"duration_ms\":1000,\"error\":\"test-0/0 error\"},"
                + "\"test-0/1\":{\"full_id\":\"test-0/1\",\"test_name\":\"test-0\",\"id\":\"1\","
                + "\"logs\":\"test-0/1 log line 1\\ntest-0/1 log line 2\",\"started_at\":\"2023-10-05T12:03:56.728813665Z\","
                + "\"duration\":\"1s\",\"duration_ms\":1000,\"error\":\"\\u003cnil\\u003e\"},"
                + "\"test-0/2\":{\"full_id\":\"test-0/2\",\"test_name\":\"test-0\",\"id\":\"2\","
                + "\"logs\":\"test-0/2 log line 1\\ntest-0/2 log line 2\",\"started_at\":\"2023-10-05T12:03:57.061813665Z\","
                + "\"duration\":\"1s\",\"duration_ms\":1000,\"error\":\"test-0/2 error\"}}}\n";
        assertEquals(expected, ResultsJson.toJson(coderGolden()));
    }

    @Test
    void failuresSortLexicographicallyAndTrailingFragmentIsDropped() {
        TreeMap<String, RunResult> runs = new TreeMap<>();
        runs.put("x/2", new RunResult("x/2", "x", "2", "two\npartial", NOW, Duration.ofMillis(3), "second"));
        runs.put("x/10", new RunResult("x/10", "x", "10", "ten\n\n", NOW, Duration.ofMillis(1), "first"));
        Results results = new Results(2, 0, 2, Duration.ofNanos(1_234_567), runs);
        String expected = "\n== FAIL: x/10\n\n\tError: first\n\n\tLog:\n\t\tten\n\t\t\n"
                + "\n== FAIL: x/2\n\n\tError: second\n\n\tLog:\n\t\ttwo\n"
                + "\n\nTest results:\n\tPass:  0\n\tFail:  2\n\tTotal: 2\n\n"
                + "\tTotal duration: 1.234567ms\n\tAvg. duration:  2ms\n";
        assertEquals(expected, ResultsText.render(results));
    }

    @Test
    void averageUsesIntegerNanosecondDivision() {
        TreeMap<String, RunResult> runs = new TreeMap<>();
        runs.put("a/0", new RunResult("a/0", "a", "0", "", NOW, Duration.ofNanos(1), null));
        runs.put("a/1", new RunResult("a/1", "a", "1", "", NOW, Duration.ofNanos(1), null));
        runs.put("a/2", new RunResult("a/2", "a", "2", "", NOW, Duration.ofNanos(2), null));
        Results results = new Results(3, 3, 0, Duration.ofNanos(10), runs);
        assertEquals(Duration.ofNanos(1), ResultsText.averageDuration(results));
        assertEquals("\n\nTest results:\n\tPass:  3\n\tFail:  0\n\tTotal: 3\n\n\tTotal duration: 10ns\n\tAvg. duration:  1ns\n",
                ResultsText.render(results));
    }

    @Test
    void noRuns() {
        Results empty = new Results(0, 0, 0, Duration.ZERO, new TreeMap<>());
        assertEquals("\n\nTest results:\n\tNo tests run\n", ResultsText.render(empty));
        assertEquals("{\"total_runs\":0,\"total_pass\":0,\"total_fail\":0,\"elapsed\":\"0s\",\"elapsed_ms\":0,\"runs\":{}}\n",
                ResultsJson.toJson(empty));
    }

    @Test
    void escapesLikeGoAndKeepsNonAsciiRaw() {
        TreeMap<String, RunResult> runs = new TreeMap<>();
        OffsetDateTime plusTwo = OffsetDateTime.of(2023, 10, 5, 14, 3, 56, 0, ZoneOffset.ofHours(2));
        runs.put("e/0", new RunResult("e/0", "e", "0", "<a href=\"x\">&</a>\t\u0001\u2028/",
                plusTwo, Duration.ofNanos(1_500), "a < b & c > d"));
        Results results = new Results(1, 0, 1, Duration.ofNanos(1_500), runs);
        String json = ResultsJson.toJson(results);
        assertEquals("{\"total_runs\":1,\"total_pass\":0,\"total_fail\":1,\"elapsed\":\"1.5\u00b5s\",\"elapsed_ms\":0,\"runs\":{"
                + "\"e/0\":{\"full_id\":\"e/0\",\"test_name\":\"e\",\"id\":\"0\","
                + "\"logs\":\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\\t\\u0001\\u2028/\","
                + "\"started_at\":\"2023-10-05T14:03:56+02:00\",\"duration\":\"1.5\u00b5s\",\"duration_ms\":0,"
                + "\"error\":\"a \\u003c b \\u0026 c \\u003e d\"}}}\n", json);
    }

    @Test
    void jsonRoundTrips() throws IOException {
        Results golden = coderGolden();
        Results back = ResultsJson.read(ResultsJson.toJson(golden));
        assertEquals(golden, back);
        assertEquals(ResultsJson.toJson(golden), ResultsJson.toJson(back));
    }

    @Test
    void readerIgnoresExtraFieldsAndOtherFieldsCanBeAppended() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = ResultsJson.newGenerator(out)) {
            json.writeStartObject();
            ResultsJson.writeFields(coderGolden(), json);
            json.writeObjectFieldStart("latency");
            json.writeNumberField("p95_ms", 12);
            json.writeEndObject();
            json.writeEndObject();
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(true, text.endsWith("}},\"latency\":{\"p95_ms\":12}}"), text);
        assertEquals(coderGolden(), ResultsJson.read(text));
    }

    @Test
    void readerRejectsMissingFields() {
        IOException e = assertThrows(IOException.class, () -> ResultsJson.read("{\"total_runs\":1}"));
        assertEquals("results JSON: missing field \"total_pass\"", e.getMessage());
    }

    @Test
    void goTimeTrimsFractionZeros() {
        assertEquals("2023-10-05T12:03:56.1Z", GoTime.formatRfc3339Nano(NOW.withNano(100_000_000)));
        assertEquals("2023-10-05T12:03:56-07:30", GoTime.formatRfc3339Nano(
                OffsetDateTime.of(2023, 10, 5, 12, 3, 56, 0, ZoneOffset.ofHoursMinutes(-7, -30))));
    }
}
