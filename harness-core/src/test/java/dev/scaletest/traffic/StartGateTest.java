package dev.scaletest.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class StartGateTest {

    @Test
    void holdsEveryStreamUntilTheLastArrives() throws Exception {
        StartGate gate = new StartGate(3, Duration.ofSeconds(30));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Boolean> first = threads.submit(gate::arriveAndAwait);
            Future<Boolean> second = threads.submit(gate::arriveAndAwait);
            assertStillWaiting(first);
            assertStillWaiting(second);
            assertEquals(2, waitForSettled(gate, 2));
            assertTrue(gate.arriveAndAwait(), "the last arrival finds everyone there");
            assertTrue(first.get(5, TimeUnit.SECONDS));
            assertTrue(second.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aWithdrawnStreamIsNotWaitedFor() throws Exception {
        StartGate gate = new StartGate(2, Duration.ofSeconds(30));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Boolean> waiting = threads.submit(gate::arriveAndAwait);
            assertStillWaiting(waiting);
            gate.withdraw();
            assertTrue(waiting.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void theWaitIsBoundedFromTheFirstArrival() throws Exception {
        StartGate gate = new StartGate(5, Duration.ofMillis(300));
        long start = System.nanoTime();
        assertFalse(gate.arriveAndAwait(), "four streams never came");
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
        long late = System.nanoTime();
        assertFalse(gate.arriveAndAwait(), "a late arrival passes at once");
        assertTrue(System.nanoTime() - late < Duration.ofMillis(300).toNanos());
    }

    @Test
    void streamsThatStartedTogetherCloseAtTheLatestPlanEnd() {
        StartGate gate = new StartGate(3, Duration.ofSeconds(30));
        assertEquals(1_000, gate.closeAt(1_000), "before any plan is known, a stream's own end");
        gate.planEndsAt(5_000);
        gate.planEndsAt(9_000);
        gate.planEndsAt(7_000);
        assertEquals(9_000, gate.closeAt(5_000));
        assertEquals(12_000, gate.closeAt(12_000), "never before its own end");
        StartGate open = StartGate.open();
        open.planEndsAt(9_000);
        assertEquals(5_000, open.closeAt(5_000), "streams started one by one close each at its own end");
    }

    @Test
    void anOpenGateNeverWaits() throws Exception {
        StartGate gate = StartGate.open();
        assertTrue(gate.arriveAndAwait());
        assertTrue(gate.arriveAndAwait());
    }

    private static void assertStillWaiting(Future<Boolean> future) throws Exception {
        try {
            future.get(200, TimeUnit.MILLISECONDS);
            throw new AssertionError("passed the gate before every stream arrived");
        } catch (TimeoutException expected) {
            // still held
        }
    }

    private static int waitForSettled(StartGate gate, int count) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (gate.settled() < count && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        return gate.settled();
    }
}
