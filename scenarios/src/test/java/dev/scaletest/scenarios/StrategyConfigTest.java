package dev.scaletest.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scaletest.harness.ArrivalRate;
import dev.scaletest.harness.ExecutionStrategy;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class StrategyConfigTest {
    private static final Duration HOUR = Duration.ofHours(1);

    private static StrategyConfig run(int concurrency, Duration jobTimeout, OptionalDouble rate, Duration rampUp) {
        return StrategyConfig.run(concurrency, HOUR, jobTimeout, rate, rampUp);
    }

    @Test
    void buildsTheHarnessStrategyLikeCoder() {
        assertEquals("linear", run(1, Duration.ZERO, OptionalDouble.empty(), Duration.ZERO).toExecutionStrategy().describe());
        assertEquals("unbounded, job timeout 5m0s",
                run(0, Duration.ofMinutes(5), OptionalDouble.empty(), Duration.ZERO).toExecutionStrategy().describe());
        assertEquals("at most 8 at a time", run(8, Duration.ZERO, OptionalDouble.empty(), Duration.ZERO).toExecutionStrategy().describe());
        ExecutionStrategy paced = run(10, Duration.ZERO, OptionalDouble.of(20), Duration.ofSeconds(30)).toExecutionStrategy();
        assertEquals(Optional.of(new ArrivalRate(20, Duration.ofSeconds(30))), paced.arrivalRate());
        assertEquals("arrivals at 20/s over 30s, at most 10 at a time", paced.describe());
        assertEquals("unbounded, job timeout 30m0s",
                StrategyConfig.cleanup(0, HOUR, Duration.ofMinutes(30)).toExecutionStrategy().describe());
    }

    @Test
    void aRateKeepsItsValueWithoutARoundTripThroughText() {
        double perMinute = 1.0 / 60;
        ExecutionStrategy paced = run(0, Duration.ZERO, OptionalDouble.of(perMinute), Duration.ZERO).toExecutionStrategy();
        assertEquals(perMinute, paced.arrivalRate().orElseThrow().perSecond());
    }

    @Test
    void jobTimeoutAtLeastRaisesShorterAndMissingDeadlinesOnly() {
        Duration minimum = Duration.ofMinutes(11);
        assertEquals(minimum, run(0, Duration.ofMinutes(5), OptionalDouble.empty(), Duration.ZERO).withJobTimeoutAtLeast(minimum).jobTimeout());
        assertEquals(minimum, run(0, Duration.ZERO, OptionalDouble.empty(), Duration.ZERO).withJobTimeoutAtLeast(minimum).jobTimeout());
        assertEquals(HOUR, run(0, HOUR, OptionalDouble.empty(), Duration.ZERO).withJobTimeoutAtLeast(minimum).jobTimeout());
        StrategyConfig paced = run(3, Duration.ZERO, OptionalDouble.of(2), Duration.ofSeconds(4)).withJobTimeoutAtLeast(minimum);
        assertEquals("arrivals at 2/s over 4s, at most 3 at a time, job timeout 11m0s", paced.toExecutionStrategy().describe());
    }

    @Test
    void messagesNameTheFlag() {
        assertMessage("--concurrency must be 0 (unlimited) or more, got -1", run(-1, Duration.ZERO, OptionalDouble.empty(), Duration.ZERO));
        assertMessage("--job-timeout must not be negative, got -1s", run(1, Duration.ofSeconds(-1), OptionalDouble.empty(), Duration.ZERO));
        assertMessage("--ramp-up needs --rate: it ramps the start rate up to --rate", run(1, Duration.ZERO, OptionalDouble.empty(), Duration.ofSeconds(5)));
        assertMessage("--ramp-up must not be negative, got -5s", run(1, Duration.ZERO, OptionalDouble.of(5), Duration.ofSeconds(-5)));
        assertMessage("--rate: arrival rate must be greater than 0 and finite, got 0.0", run(1, Duration.ZERO, OptionalDouble.of(0), Duration.ZERO));
        assertMessage("--timeout must not be negative, got -1m0s",
                StrategyConfig.run(1, Duration.ofMinutes(-1), Duration.ZERO, OptionalDouble.empty(), Duration.ZERO));
        assertMessage("--cleanup-concurrency must be 0 (unlimited) or more, got -2", StrategyConfig.cleanup(-2, HOUR, Duration.ZERO));
        assertMessage("--cleanup-timeout must not be negative, got -1s", StrategyConfig.cleanup(1, Duration.ofSeconds(-1), Duration.ZERO));
    }

    private static void assertMessage(String expected, StrategyConfig config) {
        assertEquals(expected, assertThrows(ConfigException.class, config::validate).getMessage());
    }
}
