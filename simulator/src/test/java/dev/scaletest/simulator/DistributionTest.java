package dev.scaletest.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistributionTest {
    @Test
    void samplesStayWithinBoundsAndFixedIsFixed() {
        SplittableRandom random = new SplittableRandom(7);
        Distribution uniform = Distribution.uniform(Duration.ofMillis(200), Duration.ofMillis(400));
        for (int i = 0; i < 1000; i++) {
            Duration d = uniform.sample(random);
            assertTrue(d.compareTo(Duration.ofMillis(200)) >= 0 && d.compareTo(Duration.ofMillis(400)) <= 0, d::toString);
        }
        assertEquals(Duration.ZERO, Distribution.fixed(Duration.ZERO).sample(random));
        assertThrows(IllegalArgumentException.class, () -> Distribution.uniform(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
