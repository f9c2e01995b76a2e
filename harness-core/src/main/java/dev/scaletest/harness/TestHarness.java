package dev.scaletest.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Coder's test harness: register runs, execute them once in a run phase, read the results, then
 * run the cleanup phase for every started run that can clean up after itself.
 */
public final class TestHarness {
    private final Map<String, Registered> runs = new LinkedHashMap<>();
    private State state = State.REGISTERING;
    private Results results;
    private Optional<LateStarts> lateStarts = Optional.empty();
    private final List<Registered> started = new ArrayList<>();
    private final AtomicInteger runsStarted = new AtomicInteger();
    private final AtomicInteger runsFinished = new AtomicInteger();
    private final AtomicInteger runsFailed = new AtomicInteger();
    private final AtomicInteger cleanupsTotal = new AtomicInteger();
    private final AtomicInteger cleanupsStarted = new AtomicInteger();
    private final AtomicInteger cleanupsFinished = new AtomicInteger();
    private final AtomicInteger cleanupsFailed = new AtomicInteger();

    private enum State { REGISTERING, RUNNING, RAN, CLEANING, CLEANED }

    private record Registered(String testName, String id, Runner runner) {
        String fullId() {
            return testName + "/" + id;
        }
    }

    /** Adds a run; its full id {@code testName/id} must be unique. */
    public synchronized void register(String testName, String id, Runner runner) {
        if (state != State.REGISTERING) {
            throw new IllegalStateException("cannot register run " + testName + "/" + id + " after the run phase started");
        }
        Registered run = new Registered(testName, id, runner);
        if (runs.putIfAbsent(run.fullId(), run) != null) {
            throw new IllegalArgumentException("duplicate run full id " + run.fullId());
        }
    }

    /** Runs the phase with no cancellation other than its timeout. */
    public Results run(ExecutionStrategy strategy, Duration phaseTimeout) {
        return run(strategy, phaseTimeout, new Cancellation());
    }

    /**
     * Executes every registered run once under {@code strategy}; {@code phaseTimeout} (0 = none)
     * bounds the whole phase. Every run gets a result: runs the phase never started fail with
     * {@code context canceled} or {@code context deadline exceeded}.
     */
    public Results run(ExecutionStrategy strategy, Duration phaseTimeout, Cancellation cancellation) {
        List<Registered> order;
        synchronized (this) {
            if (state != State.REGISTERING) {
                throw new IllegalStateException("the run phase can run only once");
            }
            state = State.RUNNING;
            order = List.copyOf(runs.values());
        }
        List<PhaseExecution.Body> bodies = new ArrayList<>(order.size());
        List<RunLog> logs = new ArrayList<>(order.size());
        for (Registered run : order) {
            RunLog log = new RunLog();
            logs.add(log);
            bodies.add(deadline -> {
                runsStarted.incrementAndGet();
                try {
                    run.runner().run(new RunContext(run.testName(), run.id(), log, deadline));
                } catch (Throwable t) {
                    runsFailed.incrementAndGet();
                    throw t;
                } finally {
                    runsFinished.incrementAndGet();
                }
            });
        }
        PhaseExecution.Report report = new PhaseExecution(strategy, phaseTimeout, cancellation).execute(bodies);
        TreeMap<String, RunResult> byId = new TreeMap<>();
        int pass = 0;
        for (int i = 0; i < order.size(); i++) {
            Registered run = order.get(i);
            PhaseExecution.Outcome outcome = report.outcomes().get(i);
            byId.put(run.fullId(), new RunResult(run.fullId(), run.testName(), run.id(), logs.get(i).text(),
                    outcome.startedAt(), outcome.duration(), outcome.error()));
            if (outcome.error() == null) {
                pass++;
            }
        }
        synchronized (this) {
            for (int i = 0; i < order.size(); i++) {
                if (report.outcomes().get(i).started()) {
                    started.add(order.get(i));
                }
            }
            results = new Results(order.size(), pass, order.size() - pass, report.elapsed(), byId);
            lateStarts = report.lateStarts();
            state = State.RAN;
            return results;
        }
    }

    /** Live counts of the run phase; safe to call from any thread while {@link #run} executes. */
    public PhaseProgress progress() {
        int total;
        synchronized (this) {
            total = runs.size();
        }
        return new PhaseProgress(total, runsStarted.get(), runsFinished.get(), runsFailed.get());
    }

    /** Live counts of the cleanup phase (all zero before it begins); safe to call from any thread. */
    public PhaseProgress cleanupProgress() {
        return new PhaseProgress(cleanupsTotal.get(), cleanupsStarted.get(), cleanupsFinished.get(), cleanupsFailed.get());
    }

    /** The run phase's results; only after {@link #run} returned. */
    public synchronized Results results() {
        if (results == null) {
            throw new IllegalStateException("results are available after the run phase finished");
        }
        return results;
    }

    /** How the arrival-rate schedule was kept, when the run phase used one. */
    public synchronized Optional<LateStarts> lateStarts() {
        return lateStarts;
    }

    public List<CleanupFailure> cleanup(ExecutionStrategy strategy, Duration phaseTimeout) {
        return cleanup(strategy, phaseTimeout, new Cancellation());
    }

    /**
     * Cleans up, under its own strategy and timeout, every run that was started and whose runner is
     * {@link Cleanable}. Failures are returned (the results are already written by then); cleanups
     * that never began because the phase was cancelled or timed out are failures too.
     */
    public List<CleanupFailure> cleanup(ExecutionStrategy strategy, Duration phaseTimeout, Cancellation cancellation) {
        List<Registered> toClean = new ArrayList<>();
        synchronized (this) {
            if (state != State.RAN) {
                throw new IllegalStateException("cleanup runs once, after the run phase finished");
            }
            state = State.CLEANING;
            for (Registered run : started) {
                if (run.runner() instanceof Cleanable) {
                    toClean.add(run);
                }
            }
        }
        List<PhaseExecution.Body> bodies = new ArrayList<>(toClean.size());
        List<RunLog> logs = new ArrayList<>(toClean.size());
        for (Registered run : toClean) {
            RunLog log = new RunLog();
            logs.add(log);
            Cleanable cleanable = (Cleanable) run.runner();
            bodies.add(deadline -> {
                cleanupsStarted.incrementAndGet();
                try {
                    cleanable.cleanup(new RunContext(run.testName(), run.id(), log, deadline));
                } catch (Throwable t) {
                    cleanupsFailed.incrementAndGet();
                    throw t;
                } finally {
                    cleanupsFinished.incrementAndGet();
                }
            });
        }
        cleanupsTotal.set(toClean.size());
        PhaseExecution.Report report = new PhaseExecution(strategy, phaseTimeout, cancellation).execute(bodies);
        List<CleanupFailure> failures = new ArrayList<>();
        for (int i = 0; i < toClean.size(); i++) {
            String error = report.outcomes().get(i).error();
            if (error != null) {
                failures.add(new CleanupFailure(toClean.get(i).fullId(), error, logs.get(i).text()));
            }
        }
        synchronized (this) {
            state = State.CLEANED;
        }
        return List.copyOf(failures);
    }
}
