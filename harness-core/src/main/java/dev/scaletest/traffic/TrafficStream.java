package dev.scaletest.traffic;

import dev.scaletest.errors.ErrorClass;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One paced echo stream to a workspace, measured the way wrk2 measures: tick {@code k} is due at
 * {@code firstDue + k * interval}; at most one tick is in flight, so a slow echo delays the next
 * send instead of piling bytes into buffers. The echo round trip is recorded twice, from the
 * intended send time (corrected for coordinated omission) and from the actual send (uncorrected),
 * and every late send is recorded as lateness. A dropped connection is re-opened (the web terminal
 * re-attaches with its reconnect id); ticks that could not be sent count against delivery.
 */
public final class TrafficStream implements TickScheduler.Paced, StreamListener {

    /**
     * How one stream behaves; {@code duration} is the traffic duration from the first tick. The
     * bytes per tick are the payload's length.
     */
    public record Settings(Duration duration, Duration connectTimeout, Duration finishTimeout,
            Duration drainTimeout, EchoShape echoShape) {
    }

    private static final int OPEN = 1;
    private static final int DOWN = 2;
    private static final int ENDING = 3;

    private final StreamTransport transport;
    private final TickScheduler scheduler;
    private final TrafficRecorder recorder;
    private final Settings settings;
    private final byte[] buffer;
    private final long intervalNanos;
    private final long plannedTicks;
    private final EchoTracker tracker;
    private final StartGate gate;

    private final AtomicLong due = new AtomicLong();
    private final AtomicInteger driving = new AtomicInteger();
    private final LongAdder bytesRead = new LongAdder();
    /** When the stream became ready for its next chunk (see {@link TrafficRecorder#readLatency}); 0 until the connection opened. */
    private final AtomicLong readyNanos = new AtomicLong();
    private volatile StreamConnection connection;
    private volatile int state = DOWN;
    private volatile long firstDueNanos;
    /** Set once the wheel planned the first tick (firstDueNanos holds it from then). */
    private volatile boolean placed;
    private volatile boolean paceDone;
    private volatile StreamFailure lastFailure;
    private final Object endSignal = new Object();

    // Written by whichever thread holds `driving` (sends) or the I/O thread (echoes); volatile for
    // visibility between the two.
    private volatile long sent;
    private volatile long completed;
    private volatile long inFlightIntended;
    private volatile long inFlightSent;
    private volatile long echoed;
    private volatile long lost;
    private volatile long mismatches;
    private volatile long reconnects;
    private volatile long bytesWritten;

    public TrafficStream(StreamTransport transport, TickScheduler scheduler, TickPayload payload, TrafficRecorder recorder, Settings settings) {
        this(transport, scheduler, payload, recorder, settings, StartGate.open());
    }

    /** @param gate holds the first tick until the streams starting together are connected */
    public TrafficStream(StreamTransport transport, TickScheduler scheduler, TickPayload payload, TrafficRecorder recorder,
            Settings settings, StartGate gate) {
        this.gate = gate;
        // The payload checked its own length; a terminal echo also bounds it by one terminal line.
        TickPayload.requireLength(payload.length(), settings.echoShape() == EchoShape.TERMINAL);
        this.transport = transport;
        this.scheduler = scheduler;
        this.recorder = recorder;
        this.settings = settings;
        this.buffer = payload.newBuffer();
        this.intervalNanos = scheduler.tickInterval().toNanos();
        this.plannedTicks = settings.duration().toNanos() / intervalNanos;
        this.tracker = new EchoTracker(settings.echoShape().echoLength(payload.length()), new EchoTracker.Sink() {
            @Override
            public void echoed(long sequence) {
                onEcho(sequence);
            }

            @Override
            public void mismatch(String detail) {
                onMismatch(detail);
            }
        });
    }

    /**
     * Opens the stream, sends ticks for the configured duration, then ends it the protocol's way.
     * Blocks the calling (virtual) thread. An interrupt ends the traffic early, as a deadline does.
     *
     * @throws StreamFailure when the stream could not be opened, its echo did not match, or it could
     *                       not be reconnected or closed for a reason other than a lost connection
     */
    public TrafficStreamResult run() throws StreamFailure, InterruptedException {
        try {
            connection = open();
        } catch (StreamFailure | InterruptedException | RuntimeException e) {
            gate.withdraw();
            throw e;
        }
        state = OPEN;
        try {
            gate.arriveAndAwait();
        } catch (InterruptedException e) {
            state = ENDING;
            connection.abort();
            throw e;
        }
        long added = System.nanoTime();
        scheduler.add(this, connection.eventLoop());
        // The pacer ends the plan; the bound only guards against a pacer that stopped turning. It
        // counts from the stream's first tick once the wheel placed it (a busy event loop may place
        // it later than now, and the plan runs from there), and leaves a stalled loop as long past
        // the plan as the last echo may take: its last ticks then go out late, not never.
        long allowance = settings.duration().plus(scheduler.tickInterval().multipliedBy(2)).plus(settings.drainTimeout()).toNanos();
        boolean interrupted = false;
        try {
            awaitPlanAndNeighbours(added, allowance);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        paceDone = true;
        if (!interrupted) {
            awaitLastEcho();
        }
        StreamFailure endFailure = end();
        if (interrupted) {
            throw new InterruptedException("traffic to " + transport.describe() + " interrupted");
        }
        if (endFailure != null) {
            throw endFailure;
        }
        return result();
    }

    public TrafficStreamResult result() {
        return new TrafficStreamResult(plannedTicks, sent, echoed, lost, bytesWritten, bytesRead.sum(), reconnects, mismatches);
    }

    private StreamConnection open() throws StreamFailure, InterruptedException {
        try {
            return opened(transport.open(this).get(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            StreamFailure failure = e.getCause() instanceof StreamFailure f
                    ? f
                    : new StreamFailure(ErrorClass.CONNECT, transport.describe() + ": " + e.getCause().getMessage(), e.getCause());
            recorder.error(failure.errorClass());
            throw failure;
        } catch (TimeoutException e) {
            recorder.error(ErrorClass.TIMEOUT);
            throw new StreamFailure(ErrorClass.TIMEOUT, transport.describe() + ": not connected within " + settings.connectTimeout());
        }
    }

    /**
     * Starts the wait for the first chunk on a new connection, unless a chunk already came while the
     * open completed (that one had no start to measure from).
     */
    private StreamConnection opened(StreamConnection c) {
        readyNanos.compareAndSet(0, System.nanoTime());
        return c;
    }

    /** Waits until every due tick was sent and echoed: a tick due while the one before was still out goes with its echo. */
    private void awaitLastEcho() throws InterruptedException {
        long until = System.nanoTime() + settings.drainTimeout().toNanos();
        while ((completed < sent || sent < due.get()) && state == OPEN && System.nanoTime() < until) {
            Thread.sleep(5);
        }
    }

    /**
     * Waits until the pacer has sent the plan, one more tick interval has passed, and the plans of
     * the streams that started with it are over too ({@link StartGate#closeAt}). A stream that
     * woke and closed as soon as its own plan was done would spend the CPU (its wake-up, its close,
     * the server's side of it) while its neighbours' last ticks were due: their loops place them
     * over one interval or more. Closing after all of them, as a Go client that stops all its
     * streams at one deadline does, keeps the closes out of the last ticks, and costs one wake-up
     * per stream (the pacer wakes it only when it is late itself).
     */
    private void awaitPlanAndNeighbours(long addedNanos, long allowanceNanos) throws InterruptedException {
        synchronized (endSignal) {
            long now;
            long left;
            while ((left = (placed ? firstDueNanos : addedNanos) + allowanceNanos - (now = System.nanoTime())) > 0) {
                long toClose = placed ? gate.closeAt(planEndNanos()) - now : left;
                if (paceDone && toClose <= 0) {
                    return;
                }
                long waitNanos = toClose > 0 ? Math.min(left, toClose) : left;
                endSignal.wait(Math.max(1, Math.min(1000, waitNanos / 1_000_000)));
            }
        }
    }

    /** When the plan is over: one interval after its last tick was due. */
    private long planEndNanos() {
        return firstDueNanos + plannedTicks * intervalNanos;
    }

    private StreamFailure end() {
        StreamConnection c = connection;
        boolean wasOpen = state == OPEN;
        state = ENDING;
        if (c == null) {
            return lastFailure;
        }
        if (!wasOpen) {
            c.abort();
            // Cut while reconnecting at the end: the loss already shows in errors, reconnects and
            // delivery; like Coder, a lost connection does not fail the run by itself.
            if (lastFailure != null && !connectionLost(lastFailure)) {
                return lastFailure;
            }
            return null;
        }
        try {
            c.finish(settings.finishTimeout()).get(settings.finishTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            c.abort();
            StreamFailure failure = e.getCause() instanceof StreamFailure f
                    ? f
                    : new StreamFailure(ErrorClass.OTHER, transport.describe() + ": closing: " + e.getCause().getMessage(), e.getCause());
            recorder.error(failure.errorClass());
            recorder.readFailed(failure);
            // Every tick was already sent; a connection cut while closing has nothing more to lose.
            return connectionLost(failure) ? null : failure;
        } catch (TimeoutException e) {
            c.abort();
            StreamFailure timedOut = new StreamFailure(ErrorClass.TIMEOUT, transport.describe() + ": timeout waiting for the stream to close");
            recorder.error(ErrorClass.TIMEOUT);
            recorder.readFailed(timedOut);
            return timedOut;
        } catch (InterruptedException e) {
            c.abort();
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The peer or the network ended the connection (as opposed to a refused, garbled or stuck stream). */
    private static boolean connectionLost(StreamFailure failure) {
        return failure.errorClass() == ErrorClass.WS_CLOSE || failure.errorClass() == ErrorClass.SSH_CHANNEL;
    }

    // ---- pacing (tick scheduler thread) ----

    @Override
    public void firstDue(long nanos) {
        firstDueNanos = nanos;
        placed = true;
        gate.planEndsAt(planEndNanos());
    }

    @Override
    public void pace(long nowNanos) {
        long first = firstDueNanos;
        if (nowNanos < first) {
            return;
        }
        long dueNow = Math.min(plannedTicks, (nowNanos - first) / intervalNanos + 1);
        if (dueNow > due.get()) {
            due.set(dueNow);
            drive();
        }
        if (dueNow >= plannedTicks) {
            paceDone = true;
            // The stream's thread sleeps until an interval past the last tick (awaitPlanAndNeighbours);
            // a loop that is late by that much wakes it now.
            if (nowNanos - planEndNanos() >= 0) {
                synchronized (endSignal) {
                    endSignal.notifyAll();
                }
            }
        }
    }

    @Override
    public boolean paceDone() {
        return paceDone;
    }

    /** Sends every due tick it may; whoever finds the stream idle does the sending. */
    private void drive() {
        while (true) {
            if (!canSend() || !driving.compareAndSet(0, 1)) {
                return;
            }
            try {
                while (canSend()) {
                    sendNext();
                }
            } finally {
                driving.set(0);
            }
        }
    }

    private boolean canSend() {
        return state == OPEN && sent < due.get() && completed == sent;
    }

    private void sendNext() {
        long k = sent;
        long intended = firstDueNanos + k * intervalNanos;
        TickPayload.mark(buffer, k);
        long now = System.nanoTime();
        inFlightIntended = intended;
        inFlightSent = now;
        sent = k + 1;
        recorder.tickStarted(intended);
        recorder.sendLateness(Math.max(0, now - intended));
        connection.send(buffer, 0, buffer.length).whenComplete((done, failed) -> recorder.writeLatency(System.nanoTime() - now));
        bytesWritten += buffer.length;
        recorder.bytesWritten(buffer.length);
    }

    // ---- I/O thread ----

    @Override
    public void onBytes(ByteBuffer data) {
        long arrived = System.nanoTime();
        long ready = readyNanos.get();
        if (ready != 0) {
            recorder.readLatency(arrived - ready);
        }
        int n = data.remaining();
        bytesRead.add(n);
        recorder.bytesRead(n);
        tracker.accept(data);
        // Consumed: from here the stream waits for the next chunk.
        readyNanos.set(System.nanoTime());
    }

    private void onEcho(long sequence) {
        long inFlight = sent - 1;
        if (sequence == inFlight && completed == inFlight) {
            long now = System.nanoTime();
            recorder.echo(now - inFlightIntended, now - inFlightSent);
            echoed++;
            completed = sequence + 1;
            drive();
        } else if (sequence > inFlight) {
            onMismatch("echo carried tick " + sequence + " but tick " + inFlight + " was the last sent");
        }
        // A lower sequence is output replayed after a reconnect, or dd's own copy of the line.
    }

    private void onMismatch(String detail) {
        mismatches++;
        recorder.error(ErrorClass.ECHO_MISMATCH);
        lastFailure = new StreamFailure(ErrorClass.ECHO_MISMATCH, transport.describe() + ": " + detail);
    }

    @Override
    public void onClosed(StreamFailure failure) {
        if (state == ENDING) {
            return;
        }
        if (failure != null) {
            recorder.error(failure.errorClass());
            recorder.readFailed(failure);
            lastFailure = failure;
        }
        state = DOWN;
        Thread.ofVirtual().name("scaletest-reconnect").start(this::reconnect);
    }

    /** Re-opens a dropped stream with growing pauses, until traffic time is over. */
    private void reconnect() {
        long pauseMs = 100;
        while (!paceDone && state == DOWN) {
            try {
                Thread.sleep(pauseMs);
                readyNanos.set(0);
                StreamConnection c = opened(transport.open(this).get(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS));
                if (completed < sent) {
                    lost += sent - completed;
                    completed = sent;
                }
                tracker.reset();
                connection = c;
                reconnects++;
                recorder.reconnect();
                state = OPEN;
                drive();
                return;
            } catch (InterruptedException e) {
                return;
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                lastFailure = cause instanceof StreamFailure f ? f
                        : new StreamFailure(ErrorClass.CONNECT, transport.describe() + ": reconnect: " + cause, cause);
                recorder.error(lastFailure.errorClass());
                pauseMs = Math.min(pauseMs * 2, 2000);
            }
        }
    }
}
