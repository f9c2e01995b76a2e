package dev.scaletest.cli.progress;

import dev.scaletest.scenarios.run.TrafficSample;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Live progress on stderr while a scenario runs. Scenarios register what to watch
 * ({@link #phase}, {@link #traffic}); one daemon thread reads every feed each {@code interval} and
 * hands the result to the {@link ProgressView}. Closing a feed prints its final line; closing this
 * stops the thread.
 */
public final class LiveProgress implements AutoCloseable {

    /** Plain and JSON lines: often enough to follow, rare enough for a log (Gatling prints every 5 s). */
    public static final Duration LINE_INTERVAL = Duration.ofSeconds(5);
    /** Bars redraw more often. */
    public static final Duration BAR_INTERVAL = Duration.ofSeconds(1);

    private final ProgressView view;
    private final Duration interval;
    private final LongSupplier nanoTime;
    private final List<Feed> feeds = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private ScheduledExecutorService scheduler;
    private boolean closed;

    public LiveProgress(ProgressView view, Duration interval, LongSupplier nanoTime) {
        this.view = Objects.requireNonNull(view, "view");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("progress interval must be positive");
        }
    }

    /**
     * The display for {@code --progress}: {@code auto} is a bar on a terminal and plain lines
     * otherwise; {@code none} (and {@code --quiet}) shows nothing.
     */
    public static LiveProgress forMode(ProgressMode mode, PrintStream stderr, boolean stderrIsTerminal) {
        return switch (mode) {
            case AUTO -> stderrIsTerminal
                    ? new LiveProgress(new BarView(stderr), BAR_INTERVAL, System::nanoTime)
                    : new LiveProgress(new PlainView(stderr), LINE_INTERVAL, System::nanoTime);
            case PLAIN -> new LiveProgress(new PlainView(stderr), LINE_INTERVAL, System::nanoTime);
            case JSON -> new LiveProgress(new JsonView(stderr), LINE_INTERVAL, System::nanoTime);
            case NONE -> new LiveProgress(new SilentView(), LINE_INTERVAL, System::nanoTime);
        };
    }

    /** Starts the progress thread (idempotent). */
    public LiveProgress start() {
        synchronized (lock) {
            if (scheduler == null && !closed) {
                scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "scaletest-progress");
                    thread.setDaemon(true);
                    return thread;
                });
                long period = interval.toNanos();
                scheduler.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
            }
        }
        return this;
    }

    /** Watches a phase with a known number of runs. */
    public Feed phase(String name, Supplier<PhaseCounts> counts) {
        return register(new PhaseFeed(name, counts, nanoTime.getAsLong()));
    }

    /** Watches a traffic phase. */
    public Feed traffic(String name, Supplier<TrafficSample> samples) {
        return register(new TrafficFeed(name, samples, nanoTime.getAsLong()));
    }

    private Feed register(Feed feed) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("progress display already closed");
            }
            feeds.add(feed);
        }
        return feed;
    }

    /** Reads every feed once and shows it; the progress thread calls this each interval. */
    public void tick() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            long now = nanoTime.getAsLong();
            for (Feed feed : feeds) {
                feed.show(now, false);
            }
        }
    }

    /** Stops the thread and finishes every feed still open. */
    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (lock) {
            if (closed) {
                return;
            }
            for (Feed feed : feeds) {
                feed.finish();
            }
            closed = true;
            stopping = scheduler;
            view.close();
        }
        if (stopping != null) {
            stopping.shutdownNow();
            try {
                stopping.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A watched phase; closing it shows its final state once. */
    public abstract sealed class Feed implements AutoCloseable permits PhaseFeed, TrafficFeed {
        final String name;
        final long startNanos;
        private boolean finished;

        Feed(String name, long startNanos) {
            this.name = Objects.requireNonNull(name, "name");
            this.startNanos = startNanos;
        }

        abstract void show(long nowNanos, boolean last);

        void finish() {
            if (!finished) {
                finished = true;
                show(nanoTime.getAsLong(), true);
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                finish();
                feeds.remove(this);
            }
        }
    }

    final class PhaseFeed extends Feed {
        private final Supplier<PhaseCounts> counts;

        PhaseFeed(String name, Supplier<PhaseCounts> counts, long startNanos) {
            super(name, startNanos);
            this.counts = Objects.requireNonNull(counts, "counts");
        }

        @Override
        void show(long nowNanos, boolean last) {
            view.phase(PhaseStatus.of(name, counts.get(), Duration.ofNanos(nowNanos - startNanos), last));
        }
    }

    final class TrafficFeed extends Feed {
        private final Supplier<TrafficSample> samples;
        private final ActiveTraffic active = new ActiveTraffic();
        private TrafficSample previous = TrafficSample.EMPTY;
        private long previousNanos;

        TrafficFeed(String name, Supplier<TrafficSample> samples, long startNanos) {
            super(name, startNanos);
            this.samples = Objects.requireNonNull(samples, "samples");
            this.previousNanos = startNanos;
        }

        @Override
        void show(long nowNanos, boolean last) {
            TrafficSample current = samples.get();
            view.traffic(active.next(name, previous, current, Duration.ofNanos(nowNanos - previousNanos),
                    Duration.ofNanos(nowNanos - startNanos), last));
            previous = current;
            previousNanos = nowNanos;
        }
    }
}
