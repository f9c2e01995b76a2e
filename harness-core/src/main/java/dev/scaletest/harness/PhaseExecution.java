package dev.scaletest.harness;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one phase's jobs under a strategy, each on its own virtual thread. A scheduler thread hands
 * out starts (in order, bounded by a semaphore, or by the clock); a timer thread fires job and phase
 * deadlines. Deadlines and cancellation reach jobs as interrupts.
 */
final class PhaseExecution {
    static final String CANCELED = "context canceled";
    static final String DEADLINE_EXCEEDED = "context deadline exceeded";

    @FunctionalInterface
    interface Body {
        void run(Optional<Instant> deadline) throws Exception;
    }

    /** A job's outcome; {@code started} is false when the phase stopped before it could begin. */
    record Outcome(boolean started, OffsetDateTime startedAt, Duration duration, String error) {}

    record Report(List<Outcome> outcomes, Duration elapsed, Optional<LateStarts> lateStarts) {}

    private final ExecutionStrategy strategy;
    private final Duration phaseTimeout;
    private final Cancellation cancellation;
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private final Set<RunningJob> running = ConcurrentHashMap.newKeySet();
    private volatile Thread scheduler;

    PhaseExecution(ExecutionStrategy strategy, Duration phaseTimeout, Cancellation cancellation) {
        this.strategy = strategy;
        this.phaseTimeout = phaseTimeout == null ? Duration.ZERO : phaseTimeout;
        this.cancellation = cancellation;
    }

    Report execute(List<Body> bodies) {
        int n = bodies.size();
        Outcome[] outcomes = new Outcome[n];
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("phase-timer").factory());
        long phaseStart = System.nanoTime();
        Optional<Instant> phaseDeadline = phaseTimeout.isZero()
                ? Optional.empty()
                : Optional.of(Instant.now().plus(phaseTimeout));
        StartLoop starts = new StartLoop(bodies, outcomes, phaseDeadline, timer);
        Thread schedulerThread = Thread.ofVirtual().name("phase-scheduler").unstarted(starts);
        scheduler = schedulerThread;
        ScheduledFuture<?> phaseTimer = phaseTimeout.isZero()
                ? null
                : timer.schedule(() -> stop(DEADLINE_EXCEEDED), phaseTimeout.toNanos(), TimeUnit.NANOSECONDS);
        Cancellation.Registration registration = cancellation.onCancel(() -> stop(CANCELED));
        boolean callerInterrupted;
        try {
            schedulerThread.start();
            callerInterrupted = joinAll(schedulerThread, starts);
        } finally {
            registration.close();
            if (phaseTimer != null) {
                phaseTimer.cancel(false);
            }
            timer.shutdownNow();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - phaseStart);
        fillNeverStarted(outcomes);
        if (callerInterrupted) {
            Thread.currentThread().interrupt();
        }
        Optional<LateStarts> lateStarts = strategy.arrivalRate().map(rate -> starts.lateness.lateStarts(n));
        return new Report(List.of(outcomes), elapsed, lateStarts);
    }

    /** Waits for the start loop, then for every job it started; true when the caller was interrupted meanwhile. */
    private boolean joinAll(Thread schedulerThread, StartLoop starts) {
        boolean callerInterrupted = joinUninterruptibly(schedulerThread);
        for (Thread thread : starts.jobThreads()) {
            callerInterrupted |= joinUninterruptibly(thread);
        }
        return callerInterrupted;
    }

    /** Jobs the phase stopped before they began fail with the reason it stopped. */
    private void fillNeverStarted(Outcome[] outcomes) {
        String reason = stopReason.get() == null ? CANCELED : stopReason.get();
        OffsetDateTime now = OffsetDateTime.now();
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) {
                outcomes[i] = new Outcome(false, now, Duration.ZERO, reason);
            }
        }
    }

    private boolean joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                return interrupted;
            } catch (InterruptedException e) {
                // The caller's own interrupt means "give up": cancel the phase, but still wait for
                // the jobs so every run gets its result.
                interrupted = true;
                stop(CANCELED);
            }
        }
    }

    private Outcome runJob(RunningJob job, Body body, Optional<Instant> phaseDeadline, ScheduledExecutorService timer) {
        OffsetDateTime startedAt = OffsetDateTime.now();
        long start = System.nanoTime();
        if (!job.begin(Thread.currentThread())) {
            return new Outcome(false, startedAt, Duration.ZERO, job.reason());
        }
        Optional<Instant> deadline = phaseDeadline;
        ScheduledFuture<?> jobTimer = null;
        Duration jobTimeout = strategy.jobTimeout();
        if (!jobTimeout.isZero()) {
            Instant jobDeadline = startedAt.toInstant().plus(jobTimeout);
            deadline = Optional.of(phaseDeadline.filter(d -> d.isBefore(jobDeadline)).orElse(jobDeadline));
            try {
                jobTimer = timer.schedule(() -> job.interrupt(DEADLINE_EXCEEDED), jobTimeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException phaseOver) {
                job.interrupt(CANCELED);
            }
        }
        String error = null;
        try {
            body.run(deadline);
        } catch (Throwable t) {
            error = ErrorChain.render(t, job.reason());
        } finally {
            job.finish();
            if (jobTimer != null) {
                jobTimer.cancel(false);
            }
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        return new Outcome(true, startedAt, duration, error);
    }

    private void stop(String reason) {
        if (!stopReason.compareAndSet(null, reason)) {
            return;
        }
        Thread s = scheduler;
        if (s != null) {
            s.interrupt();
        }
        for (RunningJob job : running) {
            job.interrupt(reason);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }

    /**
     * Hands out the phase's starts, in order, on the scheduler thread: each start waits for its
     * planned instant (with an arrival rate) and for a slot (with a concurrency bound), then its job
     * runs on a virtual thread of its own. Stops handing out starts once the phase stops.
     */
    private final class StartLoop implements Runnable {
        private final List<Body> bodies;
        private final Outcome[] outcomes;
        private final Optional<Instant> phaseDeadline;
        private final ScheduledExecutorService timer;
        private final Semaphore slots;
        private final List<Thread> jobThreads;
        final LatenessTally lateness = new LatenessTally();

        StartLoop(List<Body> bodies, Outcome[] outcomes, Optional<Instant> phaseDeadline, ScheduledExecutorService timer) {
            this.bodies = bodies;
            this.outcomes = outcomes;
            this.phaseDeadline = phaseDeadline;
            this.timer = timer;
            this.slots = strategy.unlimited() ? null : new Semaphore(strategy.maxConcurrency());
            this.jobThreads = new ArrayList<>(bodies.size());
        }

        @Override
        public void run() {
            // The schedule starts when the scheduler does, so thread start-up is not counted as lateness.
            long scheduleOrigin = System.nanoTime();
            for (int i = 0; i < bodies.size(); i++) {
                if (stopReason.get() != null) {
                    return;
                }
                long planned;
                try {
                    planned = awaitTurn(scheduleOrigin, i);
                } catch (InterruptedException stopped) {
                    return;
                }
                if (stopReason.get() != null) {
                    releaseSlot();
                    return;
                }
                if (strategy.arrivalRate().isPresent()) {
                    lateness.record(planned);
                }
                launch(i);
            }
        }

        /**
         * Sleeps until start {@code index} is due (with an arrival rate), then takes a slot (with a
         * concurrency bound).
         *
         * @return the planned {@link System#nanoTime()} of the start; 0 without an arrival rate
         */
        private long awaitTurn(long scheduleOrigin, int index) throws InterruptedException {
            long planned = 0;
            if (strategy.arrivalRate().isPresent()) {
                planned = scheduleOrigin + strategy.arrivalRate().get().plannedOffsetNanos(index);
                sleepUntil(planned);
            }
            if (slots != null && !slots.tryAcquire()) {
                slots.acquire();
            }
            return planned;
        }

        /** Starts job {@code index} on a virtual thread; its slot is released when it returns. */
        private void launch(int index) {
            RunningJob job = new RunningJob();
            running.add(job);
            String stoppedMeanwhile = stopReason.get();
            if (stoppedMeanwhile != null) {
                // stop() may have walked the running jobs just before this one was added.
                job.interrupt(stoppedMeanwhile);
            }
            Thread thread = Thread.ofVirtual().unstarted(() -> {
                try {
                    outcomes[index] = runJob(job, bodies.get(index), phaseDeadline, timer);
                } finally {
                    running.remove(job);
                    releaseSlot();
                }
            });
            synchronized (jobThreads) {
                jobThreads.add(thread);
            }
            thread.start();
        }

        private void releaseSlot() {
            if (slots != null) {
                slots.release();
            }
        }

        /** The job threads started so far. */
        List<Thread> jobThreads() {
            synchronized (jobThreads) {
                return List.copyOf(jobThreads);
            }
        }
    }

    /**
     * A job's interrupt state: the interrupt reason is kept even when it arrives before the job's
     * thread has begun, and no interrupt is delivered once the runner has returned.
     */
    private static final class RunningJob {
        private Thread thread;
        private String reason;
        private boolean finished;

        synchronized boolean begin(Thread current) {
            thread = current;
            return reason == null;
        }

        synchronized void interrupt(String why) {
            if (finished || reason != null) {
                return;
            }
            reason = why;
            if (thread != null) {
                thread.interrupt();
            }
        }

        synchronized String reason() {
            return reason;
        }

        void finish() {
            synchronized (this) {
                finished = true;
            }
            // An interrupt that raced with the runner's return must not leak into what follows.
            Thread.interrupted();
        }
    }
}
