package dev.scaletest.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scaletest.errors.ErrorClass;
import dev.scaletest.harness.Results;
import dev.scaletest.harness.RunResult;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RunFailuresTest {

    @Test
    void classifiesCoderAndJdkErrorTexts() {
        assertEquals(ErrorClass.BUILD_FAILED, RunFailures.classify(
                "workspace scaletest-1: build failed with status \"failed\": simulated failure"));
        assertEquals(ErrorClass.TIMEOUT, RunFailures.classify("context deadline exceeded"));
        assertEquals(ErrorClass.HTTP_STATUS, RunFailures.classify(
                "POST http://x/api/v2/users: unexpected status code 500: Internal error."));
        assertEquals(ErrorClass.AUTH, RunFailures.classify("GET http://x/api/v2/users/me: unexpected status code 401: nope"));
        assertEquals(ErrorClass.CONNECT, RunFailures.classify("POST http://127.0.0.1:1/api/v2/users: Connection refused"));
        assertEquals(ErrorClass.OTHER, RunFailures.classify("something else"));
    }

    @Test
    void tallyCountsFailedRunsByClassWithTheFirstAsExample() {
        OffsetDateTime at = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        TreeMap<String, RunResult> runs = new TreeMap<>();
        runs.put("w/0", new RunResult("w/0", "w", "0", "log 0", at, Duration.ofSeconds(1), "build failed with status \"failed\": a\nmore"));
        runs.put("w/1", new RunResult("w/1", "w", "1", "log 1", at, Duration.ofSeconds(1), null));
        runs.put("w/2", new RunResult("w/2", "w", "2", "log 2", at, Duration.ofSeconds(1), "build failed with status \"failed\": b"));
        runs.put("w/3", new RunResult("w/3", "w", "3", "log 3", at, Duration.ofSeconds(1), "context deadline exceeded"));
        ErrorTallies tallies = new ErrorTallies();
        RunFailures.tally(new Results(4, 1, 3, Duration.ofSeconds(2), runs), tallies);
        assertEquals(List.of(new ErrorTally(ErrorClass.BUILD_FAILED, 2, "build failed with status \"failed\": a", "w/0"),
                new ErrorTally(ErrorClass.TIMEOUT, 1, "context deadline exceeded", "w/3")), tallies.snapshot());
    }
}
