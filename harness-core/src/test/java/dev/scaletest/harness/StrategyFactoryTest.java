package dev.scaletest.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StrategyFactoryTest {

    @Test
    void mapsConcurrencyLikeCoder() {
        StrategyFactory flags = StrategyFactory.runPhase();
        assertEquals("linear", flags.build(1, Duration.ZERO, null, null).describe());
        assertEquals("unbounded, job timeout 5m0s", flags.build(0, Duration.ofMinutes(5), null, null).describe());
        assertEquals("at most 8 at a time", flags.build(8, Duration.ZERO, "", Duration.ZERO).describe());
        ExecutionStrategy rate = flags.build(10, Duration.ZERO, "20/s", Duration.ofSeconds(30));
        assertEquals(Optional.of(new ArrivalRate(20, Duration.ofSeconds(30))), rate.arrivalRate());
        assertEquals("arrivals at 20/s over 30s, at most 10 at a time", rate.describe());
        assertEquals(2.0, flags.parseRate("120/m"));
        assertEquals(0.5, flags.parseRate("1800/h"));
        assertEquals(7.5, flags.parseRate("7.5"));
    }

    @Test
    void messagesNameTheFlag() {
        StrategyFactory run = StrategyFactory.runPhase();
        assertMessage("--concurrency must be 0 (unlimited) or positive, got -1", () -> run.build(-1, Duration.ZERO, null, null));
        assertMessage("--job-timeout must be 0 (none) or positive, got -1s", () -> run.build(1, Duration.ofSeconds(-1), null, null));
        assertMessage("--rate must look like N/s, N/m or N/h (e.g. 20/s), got \"fast\"", () -> run.build(1, Duration.ZERO, "fast", null));
        assertMessage("--rate must look like N/s, N/m or N/h (e.g. 20/s), got \"5/d\"", () -> run.build(1, Duration.ZERO, "5/d", null));
        assertMessage("--rate must be positive, got 0/s", () -> run.build(1, Duration.ZERO, "0/s", null));
        assertMessage("--ramp-up needs --rate", () -> run.build(1, Duration.ZERO, null, Duration.ofSeconds(5)));
        assertMessage("--ramp-up must be 0 (none) or positive, got -5s", () -> run.build(1, Duration.ZERO, "5/s", Duration.ofSeconds(-5)));
        assertMessage("--timeout must be 0 (none) or positive, got -1m0s", () -> run.phaseTimeout(Duration.ofMinutes(-1)));
        StrategyFactory cleanup = StrategyFactory.cleanupPhase();
        assertMessage("--cleanup-concurrency must be 0 (unlimited) or positive, got -2", () -> cleanup.build(-2, Duration.ZERO, null, null));
        assertMessage("--cleanup-timeout must be 0 (none) or positive, got -1s", () -> cleanup.phaseTimeout(Duration.ofSeconds(-1)));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
