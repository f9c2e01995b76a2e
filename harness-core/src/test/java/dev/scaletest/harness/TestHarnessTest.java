package dev.scaletest.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TestHarnessTest {
    private static final Duration NO_TIMEOUT = Duration.ZERO;

    /** Counts how many runs execute at once. */
    private static final class ConcurrencyProbe implements Runner {
        final AtomicInteger current = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public void run(RunContext context) throws Exception {
            int now = current.incrementAndGet();
            max.accumulateAndGet(now, Math::max);
            runs.incrementAndGet();
            try {
                Thread.sleep(15);
            } finally {
                current.decrementAndGet();
            }
        }
    }

    @Test
    void boundedConcurrencyNeverExceedsTheLimit() {
        TestHarness harness = new TestHarness();
        ConcurrencyProbe probe = new ConcurrencyProbe();
        for (int i = 0; i < 40; i++) {
            harness.register("bounded", Integer.toString(i), probe);
        }
        Results results = harness.run(ExecutionStrategy.atMost(3), NO_TIMEOUT);
        assertEquals(40, probe.runs.get());
        assertTrue(probe.max.get() <= 3, "max concurrent " + probe.max.get());
        assertTrue(probe.max.get() >= 2, "never ran in parallel: " + probe.max.get());
        assertEquals(40, results.totalPass());
        assertEquals(0, results.totalFail());
    }

    @Test
    void linearRunsOneAtATimeInRegistrationOrder() {
        TestHarness harness = new TestHarness();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        ConcurrencyProbe probe = new ConcurrencyProbe();
        for (int i = 0; i < 12; i++) {
            harness.register("linear", Integer.toString(i), context -> {
                order.add(context.id());
                probe.run(context);
            });
        }
        harness.run(ExecutionStrategy.linear(), NO_TIMEOUT);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            expected.add(Integer.toString(i));
        }
        assertEquals(expected, order);
        assertEquals(1, probe.max.get());
    }

    @Test
    void unboundedStartsAllRunsAtOnce() {
        TestHarness harness = new TestHarness();
        int n = 50;
        CountDownLatch allStarted = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            harness.register("unbounded", Integer.toString(i), context -> {
                allStarted.countDown();
                // Only passes if every run is running at the same time.
                if (!allStarted.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("not all runs started together");
                }
            });
        }
        Results results = harness.run(ExecutionStrategy.unbounded(), NO_TIMEOUT);
        assertEquals(n, results.totalPass());
    }

    @Test
    void jobTimeoutFailsOnlyTheSlowRunWithADeadlineError() {
        TestHarness harness = new TestHarness();
        AtomicReference<Optional<Instant>> seenDeadline = new AtomicReference<>();
        harness.register("job", "fast", context -> {});
        harness.register("job", "slow", context -> {
            seenDeadline.set(context.deadline());
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                throw new IOException("wait for build", e);
            }
        });
        Instant before = Instant.now();
        Results results = harness.run(ExecutionStrategy.unbounded().withJobTimeout(Duration.ofMillis(200)), NO_TIMEOUT);
        assertNull(results.runs().get("job/fast").error());
        assertEquals("wait for build: context deadline exceeded", results.runs().get("job/slow").error());
        assertEquals(1, results.totalFail());
        Instant deadline = seenDeadline.get().orElseThrow();
        assertTrue(!deadline.isBefore(before.plusMillis(200)) && deadline.isBefore(Instant.now().plusSeconds(1)), deadline.toString());
        assertTrue(results.elapsed().compareTo(Duration.ofSeconds(10)) < 0, results.elapsed().toString());
    }

    @Test
    void jobTimeoutCountsFromWhenTheJobGetsItsSlot() {
        TestHarness harness = new TestHarness();
        // Linear, 150ms each, job timeout 400ms: with the timeout counted from registration the
        // later runs would fail, counted from their own start all pass.
        for (int i = 0; i < 5; i++) {
            harness.register("slot", Integer.toString(i), context -> Thread.sleep(150));
        }
        Results results = harness.run(ExecutionStrategy.linear().withJobTimeout(Duration.ofMillis(400)), NO_TIMEOUT);
        assertEquals(5, results.totalPass(), () -> results.runs().toString());
    }

    @Test
    void phaseTimeoutFailsRunningAndRemainingRuns() {
        TestHarness harness = new TestHarness();
        AtomicInteger started = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            harness.register("phase", Integer.toString(i), context -> {
                started.incrementAndGet();
                Thread.sleep(20_000);
            });
        }
        Results results = harness.run(ExecutionStrategy.linear(), Duration.ofMillis(200));
        assertEquals(1, started.get());
        assertEquals(5, results.totalRuns());
        assertEquals(5, results.totalFail());
        for (RunResult run : results.runs().values()) {
            assertEquals("context deadline exceeded", run.error(), run.fullId());
        }
        assertEquals(Duration.ZERO, results.runs().get("phase/4").duration());
    }

    @Test
    void cancellationInterruptsRunningJobsAndCleanupStillRuns() throws Exception {
        TestHarness harness = new TestHarness();
        CountDownLatch running = new CountDownLatch(2);
        Set<String> cleaned = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 4; i++) {
            harness.register("cancel", Integer.toString(i), new CleanableRunner(cleaned, context -> {
                running.countDown();
                Thread.sleep(20_000);
            }));
        }
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        RunCancellation cancellation = new RunCancellation(new java.io.PrintStream(err, true, "UTF-8")::println, "hint");
        Thread canceller = Thread.ofVirtual().start(() -> {
            try {
                running.await();
            } catch (InterruptedException e) {
                return;
            }
            cancellation.interrupt();
        });
        Results results = harness.run(ExecutionStrategy.atMost(2), NO_TIMEOUT, cancellation.runPhase());
        canceller.join();
        assertEquals(4, results.totalFail());
        assertEquals("context canceled", results.runs().get("cancel/0").error());
        assertEquals("context canceled", results.runs().get("cancel/3").error());
        List<CleanupFailure> failures = harness.cleanup(ExecutionStrategy.linear(), NO_TIMEOUT, cancellation.cleanupPhase());
        assertEquals(List.of(), failures);
        assertEquals(Set.of("cancel/0", "cancel/1"), cleaned);
        assertEquals(RunCancellation.FIRST_INTERRUPT_MESSAGE + "\n", err.toString("UTF-8"));
        assertTrue(cancellation.interrupted());
        assertFalse(cancellation.cleanupSkipped());
    }

    @Test
    void secondInterruptSkipsCleanup() throws Exception {
        TestHarness harness = new TestHarness();
        CountDownLatch cleanupRunning = new CountDownLatch(1);
        AtomicInteger cleanupsStarted = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            harness.register("skip", Integer.toString(i), new SlowCleanup(cleanupRunning, cleanupsStarted));
        }
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        RunCancellation cancellation = new RunCancellation(new java.io.PrintStream(err, true, "UTF-8")::println,
                "Cleanup skipped; remove what this run created with: scaletest cleanup --journal /tmp/x");
        Results results = harness.run(ExecutionStrategy.unbounded(), NO_TIMEOUT, cancellation.runPhase());
        assertEquals(3, results.totalPass());
        cancellation.interrupt();
        Thread second = Thread.ofVirtual().start(() -> {
            try {
                cleanupRunning.await();
            } catch (InterruptedException e) {
                return;
            }
            cancellation.interrupt();
        });
        List<CleanupFailure> failures = harness.cleanup(ExecutionStrategy.linear(), NO_TIMEOUT, cancellation.cleanupPhase());
        second.join();
        assertEquals(1, cleanupsStarted.get());
        assertEquals(3, failures.size());
        for (CleanupFailure failure : failures) {
            assertEquals("context canceled", failure.error(), failure.fullId());
        }
        assertTrue(cancellation.cleanupSkipped());
        assertEquals(RunCancellation.FIRST_INTERRUPT_MESSAGE + "\n"
                + "Cleanup skipped; remove what this run created with: scaletest cleanup --journal /tmp/x\n",
                err.toString("UTF-8"));
        assertTrue(cancellation.interrupted());
    }

    @Test
    void cleanupOnlyForStartedCleanableRuns() {
        TestHarness harness = new TestHarness();
        Set<String> cleaned = ConcurrentHashMap.newKeySet();
        harness.register("c", "0", new CleanableRunner(cleaned, context -> {}));
        harness.register("c", "1", context -> {});
        harness.register("c", "2", new CleanableRunner(cleaned, context -> {
            throw new IllegalStateException("create user: boom");
        }));
        harness.register("c", "3", new CleanableRunner(cleaned, context -> Thread.sleep(20_000)));
        harness.register("c", "4", new CleanableRunner(cleaned, context -> {}));
        Results results = harness.run(ExecutionStrategy.linear(), Duration.ofMillis(300));
        assertEquals("context deadline exceeded", results.runs().get("c/4").error());
        List<CleanupFailure> failures = harness.cleanup(ExecutionStrategy.atMost(2), NO_TIMEOUT);
        assertEquals(List.of(), failures);
        // c/2 failed but was started, so it may have created something; c/4 never started.
        assertEquals(Set.of("c/0", "c/2", "c/3"), cleaned);
    }

    @Test
    void cleanupErrorsAreReturnedNotPutIntoResults() {
        TestHarness harness = new TestHarness();
        harness.register("e", "0", new CleanableRunner(Set.of(), context -> {}) {
            @Override
            public void cleanup(RunContext context) throws Exception {
                context.log().println("deleting workspace");
                throw new IOException("delete workspace: 500 Internal Server Error");
            }
        });
        harness.register("e", "1", new CleanableRunner(new java.util.HashSet<>(), context -> {}));
        Results results = harness.run(ExecutionStrategy.linear(), NO_TIMEOUT);
        assertEquals(new PhaseProgress(0, 0, 0, 0), harness.cleanupProgress(), "before the cleanup phase");
        List<CleanupFailure> failures = harness.cleanup(ExecutionStrategy.linear(), NO_TIMEOUT);
        assertEquals(new PhaseProgress(2, 2, 2, 1), harness.cleanupProgress());
        assertEquals(List.of(new CleanupFailure("e/0", "delete workspace: 500 Internal Server Error", "deleting workspace\n")), failures);
        assertNull(harness.results().runs().get("e/0").error());
        assertEquals(results, harness.results());
    }

    @Test
    void exceptionsBecomeErrorChainsAndLogsAreKept() {
        TestHarness harness = new TestHarness();
        harness.register("x", "0", context -> {
            context.log().println("creating user");
            throw new RuntimeException("create workspace", new IOException("POST /api/v2/users: 409 Conflict"));
        });
        harness.register("x", "1", context -> {
            throw new RuntimeException(new IllegalStateException("agent not found"));
        });
        harness.register("x", "2", context -> context.log().print("ok"));
        Results results = harness.run(ExecutionStrategy.atMost(2), NO_TIMEOUT);
        assertEquals("create workspace: POST /api/v2/users: 409 Conflict", results.runs().get("x/0").error());
        assertEquals("creating user\n", results.runs().get("x/0").logs());
        assertEquals("agent not found", results.runs().get("x/1").error());
        assertNull(results.runs().get("x/2").error());
        assertEquals("ok", results.runs().get("x/2").logs());
        assertEquals(List.of("x/0", "x/1", "x/2"), new ArrayList<>(results.runs().keySet()));
        assertEquals(2, results.totalFail());
        assertEquals(1, results.totalPass());
    }

    @Test
    void resultsAreSortedByFullIdAndCarryTimings() {
        TestHarness harness = new TestHarness();
        for (String id : List.of("2", "10", "1")) {
            harness.register("x", id, context -> Thread.sleep(5));
        }
        Results results = harness.run(ExecutionStrategy.unbounded(), NO_TIMEOUT);
        assertEquals(List.of("x/1", "x/10", "x/2"), new ArrayList<>(results.runs().keySet()));
        for (RunResult run : results.runs().values()) {
            assertTrue(run.duration().compareTo(Duration.ofMillis(5)) >= 0, run.duration().toString());
            assertTrue(results.elapsed().compareTo(run.duration()) >= 0);
        }
    }

    @Test
    void duplicateFullIdAndSecondRunAreRejected() {
        TestHarness harness = new TestHarness();
        harness.register("dup", "0", context -> {});
        assertThrows(IllegalArgumentException.class, () -> harness.register("dup", "0", context -> {}));
        assertThrows(IllegalStateException.class, harness::results);
        harness.run(ExecutionStrategy.linear(), NO_TIMEOUT);
        assertThrows(IllegalStateException.class, () -> harness.run(ExecutionStrategy.linear(), NO_TIMEOUT));
        assertThrows(IllegalStateException.class, () -> harness.register("dup", "1", context -> {}));
    }

    @Test
    void noRunsGiveEmptyResults() {
        TestHarness harness = new TestHarness();
        Results results = harness.run(ExecutionStrategy.atMost(4), NO_TIMEOUT);
        assertEquals(0, results.totalRuns());
        assertEquals(List.of(), harness.cleanup(ExecutionStrategy.linear(), NO_TIMEOUT));
    }

    @Test
    void deadlineIsTheEarlierOfJobAndPhaseDeadline() {
        TestHarness harness = new TestHarness();
        List<Optional<Instant>> deadlines = Collections.synchronizedList(new ArrayList<>());
        harness.register("d", "0", context -> deadlines.add(context.deadline()));
        Instant before = Instant.now();
        harness.run(ExecutionStrategy.linear().withJobTimeout(Duration.ofHours(1)), Duration.ofMinutes(1));
        Instant phaseDeadline = deadlines.get(0).orElseThrow();
        assertTrue(phaseDeadline.isAfter(before.plusSeconds(59)) && phaseDeadline.isBefore(Instant.now().plusSeconds(61)),
                phaseDeadline.toString());

        TestHarness none = new TestHarness();
        none.register("d", "1", context -> deadlines.add(context.deadline()));
        none.run(ExecutionStrategy.unbounded(), NO_TIMEOUT);
        assertEquals(Optional.empty(), deadlines.get(1));
    }

    @Test
    void progressCountsStartedFinishedAndFailedRuns() throws Exception {
        TestHarness harness = new TestHarness();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstTwoDone = new CountDownLatch(2);
        harness.register("p", "0", context -> firstTwoDone.countDown());
        harness.register("p", "1", context -> {
            firstTwoDone.countDown();
            throw new IllegalStateException("bad");
        });
        harness.register("p", "2", context -> release.await());
        assertEquals(new PhaseProgress(3, 0, 0, 0), harness.progress());
        Thread phase = Thread.ofVirtual().start(() -> harness.run(ExecutionStrategy.unbounded(), NO_TIMEOUT));
        firstTwoDone.await();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (harness.progress().finished() < 2 || harness.progress().started() < 3) {
            assertTrue(System.nanoTime() < deadline, harness.progress().toString());
            Thread.sleep(2);
        }
        assertEquals(new PhaseProgress(3, 3, 2, 1), harness.progress());
        assertEquals(1, harness.progress().running());
        release.countDown();
        phase.join();
        assertEquals(new PhaseProgress(3, 3, 3, 1), harness.progress());
    }

    private static class CleanableRunner implements Runner, Cleanable {
        private final Set<String> cleaned;
        private final Runner body;

        CleanableRunner(Set<String> cleaned, Runner body) {
            this.cleaned = cleaned;
            this.body = body;
        }

        @Override
        public void run(RunContext context) throws Exception {
            body.run(context);
        }

        @Override
        public void cleanup(RunContext context) throws Exception {
            cleaned.add(context.fullId());
        }
    }

    private record SlowCleanup(CountDownLatch cleanupRunning, AtomicInteger cleanupsStarted) implements Runner, Cleanable {
        @Override
        public void run(RunContext context) {}

        @Override
        public void cleanup(RunContext context) throws Exception {
            cleanupsStarted.incrementAndGet();
            cleanupRunning.countDown();
            Thread.sleep(20_000);
        }
    }
}
