package dev.scaletest.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TickSchedulerTest {

    /** Counts the wheel's visits and remembers which threads made them. */
    private static final class Probe implements TickScheduler.Paced {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicLong firstDue = new AtomicLong();
        final CountDownLatch visits;
        volatile boolean done;

        Probe(int visitsWanted) {
            this.visits = new CountDownLatch(visitsWanted);
        }

        @Override
        public void pace(long nowNanos) {
            threads.add(Thread.currentThread().getName());
            visits.countDown();
            if (visits.getCount() == 0) {
                done = true;
            }
        }

        @Override
        public boolean paceDone() {
            return done;
        }

        @Override
        public void firstDue(long nanos) {
            firstDue.set(nanos);
        }
    }

    private static boolean sharedPacingThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("scaletest-tick-scheduler"));
    }

    @Test
    void streamWithAnEventLoopIsPacedOnThatLoopAndNoPacingThreadStarts() throws Exception {
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "io-loop"));
        try (TickScheduler scheduler = new TickScheduler(Duration.ofMillis(10))) {
            Probe first = new Probe(5);
            Probe second = new Probe(5);
            long before = System.nanoTime();
            scheduler.add(first, loop);
            scheduler.add(second, loop);
            assertTrue(first.visits.await(10, TimeUnit.SECONDS), "first stream paced");
            assertTrue(second.visits.await(10, TimeUnit.SECONDS), "second stream paced");
            assertEquals(Set.of("io-loop"), first.threads);
            assertEquals(Set.of("io-loop"), second.threads);
            // First tick one interval after the start of the slot the stream joined in (so at
            // least an interval minus a slot after it joined); two streams land in different slots.
            long earliest = Duration.ofMillis(10).toNanos() - TickScheduler.SLOT_NANOS;
            assertTrue(first.firstDue.get() - before >= earliest, "first tick an interval later");
            assertTrue(second.firstDue.get() - before >= earliest, "first tick an interval later");
            assertTrue(first.firstDue.get() != second.firstDue.get(), "streams spread over the interval");
            assertTrue(!sharedPacingThreadAlive(), "no pacing thread for streams on event loops");
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void streamWithoutAnEventLoopIsPacedByTheSharedThread() throws Exception {
        assertPacedBySharedThread(null);
    }

    @Test
    void aLoopThatNoLongerTakesTasksFallsBackToTheSharedThread() throws Exception {
        ScheduledExecutorService stopped = Executors.newSingleThreadScheduledExecutor();
        stopped.shutdown();
        assertPacedBySharedThread(stopped);
    }

    private static void assertPacedBySharedThread(ScheduledExecutorService eventLoop) throws InterruptedException {
        try (TickScheduler scheduler = new TickScheduler(Duration.ofMillis(10))) {
            Probe probe = new Probe(3);
            scheduler.add(probe, eventLoop);
            assertTrue(probe.visits.await(10, TimeUnit.SECONDS), "stream paced");
            assertEquals(Set.of("scaletest-tick-scheduler"), probe.threads);
        }
    }

    @Test
    void aStreamJoiningLongAfterTheStartIsPlannedFromTheClockNotFromTheStart() throws Exception {
        try (TickScheduler scheduler = new TickScheduler(Duration.ofMillis(10))) {
            Thread.sleep(300);
            Probe probe = new Probe(3);
            long joined = System.nanoTime();
            scheduler.add(probe, null);
            assertTrue(probe.visits.await(10, TimeUnit.SECONDS), "stream paced");
            assertTrue(probe.firstDue.get() >= joined, "first tick after the stream joined, not in the past");
        }
    }
}
