package dev.scaletest.coder.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class Rfc3339Test {
    private static final ObjectMapper JSON = CoderJson.newMapper();

    @Test
    void readsWhatGoWritesExactlyAsTheJdkParserDoes() {
        for (String s : List.of("2026-11-22T04:15:00Z", "2026-11-22T04:15:00.1Z", "2026-11-22T04:15:00.123456789Z",
                "2026-11-22T04:15:00.000001+02:00", "2026-11-22T04:15:00-07:30", "0001-01-01T00:00:00Z",
                "2024-02-29T23:59:59.999999999+14:00", "2026-11-22t04:15:00z", "2026-11-22T04:15:00+00:00")) {
            OffsetDateTime fast = Rfc3339.parse(s);
            assertNotNull(fast, s);
            OffsetDateTime jdk = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            assertEquals(jdk, fast, s);
            assertEquals(jdk.getOffset(), fast.getOffset(), s);
        }
    }

    @Test
    void leavesOtherShapesToTheGeneralParser() {
        for (String s : List.of("2026-11-22T04:15Z", "2026-11-22T04:15:00", "2026-11-22T04:15:00.Z",
                "2026-11-22T04:15:00.1234567891Z", "2026-02-30T04:15:00Z", "2026-11-22T24:15:00Z", "2026-11-22T04:15:00+2:00",
                "2026-11-22T04:15:00+19:00", "2026-11-22 04:15:00Z", "２０２６-11-22T04:15:00Z", "garbage")) {
            assertNull(Rfc3339.parse(s), s);
        }
    }

    @Test
    void theMapperStillAcceptsAndRejectsWhatJsr310Does() throws Exception {
        record Stamped(OffsetDateTime at) {}
        assertEquals(OffsetDateTime.parse("2026-11-22T04:15:00+02:00"),
                JSON.readValue("{\"at\":\"2026-11-22T04:15:00.000+02:00\"}", Stamped.class).at());
        // No seconds: not the fast shape, but ISO accepts it.
        assertEquals(OffsetDateTime.parse("2026-11-22T04:15Z"), JSON.readValue("{\"at\":\"2026-11-22T04:15Z\"}", Stamped.class).at());
        assertNull(JSON.readValue("{\"at\":null}", Stamped.class).at());
        assertThrows(InvalidFormatException.class, () -> JSON.readValue("{\"at\":\"2026-02-30T04:15:00Z\"}", Stamped.class));
    }
}
