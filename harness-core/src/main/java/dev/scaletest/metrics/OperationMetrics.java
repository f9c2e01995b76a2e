package dev.scaletest.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Everything one invocation of the tool measures. Hot paths record into {@link LatencyRecorder}s
 * and {@link EventCounter}s (no locks); a sampler thread closes an interval every {@code interval}:
 * it takes each recorder's interval histogram, counter deltas and gauge levels (a {@link LevelGauge}'s
 * peak in the interval), keeps them as a
 * {@link MetricsSnapshot.Interval}, and adds the histograms to the running totals. Totals therefore
 * always equal the sum of the closed intervals. The kept intervals are bounded ({@link IntervalSeries}):
 * a long run's series gets coarser instead of longer. Meters in the given Micrometer registry read the
 * same state, so a Prometheus registry exposes it without touching the hot path.
 */
public final class OperationMetrics implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    private static final String PREFIX = "scaletest.";

    private final MeterRegistry registry;
    private final Duration interval;
    private final InstantSource clock;
    private final ConcurrentHashMap<String, OperationState> operations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CounterState> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongSupplier> gauges = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LevelGauge> levels = new ConcurrentHashMap<>();
    private final int maxPoints;
    private IntervalSeries intervals;
    private Instant start;
    private Instant intervalStart;
    private ScheduledExecutorService sampler;
    private boolean stopped;
    private volatile MetricsSnapshot.Interval latest;

    public OperationMetrics() {
        this(new SimpleMeterRegistry(), DEFAULT_INTERVAL);
    }

    public OperationMetrics(MeterRegistry registry, Duration interval) {
        this(registry, interval, InstantSource.system());
    }

    public OperationMetrics(MeterRegistry registry, Duration interval, InstantSource clock) {
        this(registry, interval, clock, IntervalSeries.DEFAULT_MAX_POINTS);
    }

    /**
     * @param maxPoints the most intervals the time series keeps (even); beyond it neighbouring
     *     intervals merge and the series' resolution halves, so a soak's memory stays bounded
     */
    public OperationMetrics(MeterRegistry registry, Duration interval, InstantSource clock, int maxPoints) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("metrics interval must be positive, got " + interval);
        }
        this.registry = registry;
        this.interval = interval;
        this.clock = clock;
        this.maxPoints = maxPoints;
        this.start = clock.instant();
        this.intervalStart = start;
        this.intervals = new IntervalSeries(start, interval, maxPoints);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The configured sampling interval (closed intervals last about this long; the last one is partial). */
    public Duration interval() {
        return interval;
    }

    /**
     * What each point of the time series spans: the sampling interval until the series reaches its
     * bound, then twice that at each halving.
     */
    public synchronized Duration resolution() {
        return intervals.width();
    }

    /** The recorder of one operation ({@code user.create}); keep it rather than looking it up per sample. */
    public LatencyRecorder latency(String operation) {
        return operations.computeIfAbsent(operation, this::newOperation).recorder;
    }

    public EventCounter counter(String name) {
        return counters.computeIfAbsent(name, this::newCounter).counter;
    }

    /** A level read at every interval close and by the meter registry; prefer {@link #level} for levels the code moves itself. */
    public void gauge(String name, LongSupplier level) {
        if (gauges.putIfAbsent(name, level) == null) {
            Gauge.builder(PREFIX + name, level, l -> (double) l.getAsLong()).register(registry);
        }
    }

    /**
     * The level of {@code name} that the code raises and lowers itself: Prometheus reads its current
     * value, the time series its peak in each interval ({@link LevelGauge}). The same name gives the same gauge.
     */
    public LevelGauge level(String name) {
        return levels.computeIfAbsent(name, n -> {
            LevelGauge level = new LevelGauge();
            gauges.put(n, level::takePeak);
            Gauge.builder(PREFIX + n, level, l -> (double) l.current()).register(registry);
            return level;
        });
    }

    /** Starts the sampler thread; the first interval begins now. */
    public synchronized void start() {
        if (sampler != null || stopped) {
            throw new IllegalStateException("metrics sampling starts once");
        }
        start = clock.instant();
        intervalStart = start;
        intervals = new IntervalSeries(start, interval, maxPoints);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("metrics-sampler").factory());
        long nanos = interval.toNanos();
        executor.scheduleAtFixedRate(this::closeInterval, nanos, nanos, TimeUnit.NANOSECONDS);
        sampler = executor;
    }

    /** Stops the sampler and closes the last, partial interval. Idempotent. */
    public void stop() {
        ScheduledExecutorService executor;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            executor = sampler;
        }
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeIntervalNow();
    }

    @Override
    public void close() {
        stop();
    }

    /** Closes the current interval now (the sampler does this on its own; tests and shutdown call it). */
    public synchronized MetricsSnapshot.Interval closeIntervalNow() {
        return closeInterval();
    }

    private synchronized MetricsSnapshot.Interval closeInterval() {
        Instant end = clock.instant();
        Map<String, Histogram> latencies = new TreeMap<>();
        for (Map.Entry<String, OperationState> entry : new TreeMap<>(operations).entrySet()) {
            OperationState op = entry.getValue();
            op.scratch = op.recorder.takeInterval(op.scratch);
            op.cumulative.add(op.scratch);
            op.publish();
            latencies.put(entry.getKey(), op.scratch);
        }
        // Kept compressed: memory stays proportional to the buckets used, which matters for soaks.
        Map<String, Histogram> kept = CompactHistograms.of(latencies, intervalStart.toEpochMilli(), end.toEpochMilli());
        Map<String, Long> counterDeltas = new TreeMap<>();
        for (Map.Entry<String, CounterState> entry : new TreeMap<>(counters).entrySet()) {
            counterDeltas.put(entry.getKey(), entry.getValue().takeDelta());
        }
        Map<String, Long> levels = new TreeMap<>();
        for (Map.Entry<String, LongSupplier> entry : new TreeMap<>(gauges).entrySet()) {
            try {
                levels.put(entry.getKey(), entry.getValue().getAsLong());
            } catch (RuntimeException unreadable) {
                // A gauge that cannot be read now is left out of this interval rather than stopping sampling.
            }
        }
        MetricsSnapshot.Interval closed = new MetricsSnapshot.Interval(
                intervalStart, end, kept, unmodifiable(counterDeltas), unmodifiable(levels));
        intervals.add(closed);
        latest = closed;
        intervalStart = end;
        return closed;
    }

    /** The most recently closed interval, for a live progress line. */
    public Optional<MetricsSnapshot.Interval> latestInterval() {
        return Optional.ofNullable(latest);
    }

    /** Copy of an operation's totals over all closed intervals (empty histogram when unknown). */
    public synchronized Histogram totalLatency(String operation) {
        OperationState op = operations.get(operation);
        return op == null ? LatencyRecorder.newHistogram() : op.cumulative.copy();
    }

    /** A counter's live total, including what the current interval has added so far. */
    public long counterTotal(String name) {
        CounterState state = counters.get(name);
        return state == null ? 0 : state.counter.total();
    }

    /**
     * Totals and intervals as of the last closed interval, consistent with each other. Call after
     * {@link #stop()} for the final numbers.
     */
    public synchronized MetricsSnapshot snapshot() {
        Map<String, Histogram> totals = new TreeMap<>();
        operations.forEach((name, op) -> totals.put(name, op.cumulative.copy()));
        Map<String, Long> counterTotals = new TreeMap<>();
        counters.forEach((name, state) -> counterTotals.put(name, state.sampled));
        List<MetricsSnapshot.Interval> points = intervals.points();
        Instant end = points.isEmpty() ? start : points.get(points.size() - 1).end();
        return new MetricsSnapshot(start, end, unmodifiable(totals), unmodifiable(counterTotals), points,
                intervals.width());
    }

    private static <V> Map<String, V> unmodifiable(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private OperationState newOperation(String name) {
        OperationState state = new OperationState(new LatencyRecorder(name));
        FunctionTimer.builder(PREFIX + name, state, s -> s.count, s -> s.totalMicros, TimeUnit.MICROSECONDS)
                .description("latency of " + name + ", as of the last closed interval")
                .register(registry);
        for (double quantile : new double[] {0.5, 0.95, 0.99}) {
            Gauge.builder(PREFIX + name + ".interval", state, s -> s.latestQuantileMillis(quantile))
                    .tag("quantile", Double.toString(quantile))
                    .baseUnit("milliseconds")
                    .description("latency percentile of " + name + " over the last closed interval")
                    .register(registry);
        }
        return state;
    }

    private CounterState newCounter(String name) {
        CounterState state = new CounterState(new EventCounter(name));
        FunctionCounter.builder(PREFIX + name, state.counter, c -> (double) c.total()).register(registry);
        return state;
    }

    private static final class OperationState {
        final LatencyRecorder recorder;
        final Histogram cumulative = LatencyRecorder.newHistogram();
        Histogram scratch;
        volatile long count;
        volatile double totalMicros;
        volatile double[] latestMillis = {0, 0, 0};

        OperationState(LatencyRecorder recorder) {
            this.recorder = recorder;
        }

        // Called by the sampler only, under the metrics lock.
        void publish() {
            count = cumulative.getTotalCount();
            totalMicros = cumulative.getMean() * cumulative.getTotalCount();
            latestMillis = new double[] {
                scratch.getValueAtPercentile(50) / 1000.0,
                scratch.getValueAtPercentile(95) / 1000.0,
                scratch.getValueAtPercentile(99) / 1000.0,
            };
        }

        double latestQuantileMillis(double quantile) {
            double[] values = latestMillis;
            return quantile == 0.5 ? values[0] : quantile == 0.95 ? values[1] : values[2];
        }
    }

    private static final class CounterState {
        final EventCounter counter;
        long sampled;

        CounterState(EventCounter counter) {
            this.counter = counter;
        }

        long takeDelta() {
            long now = counter.total();
            long delta = now - sampled;
            sampled = now;
            return delta;
        }
    }
}
