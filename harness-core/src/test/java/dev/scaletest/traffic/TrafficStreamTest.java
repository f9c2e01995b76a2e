package dev.scaletest.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrafficStreamTest {
    private static final int BYTES = 512;
    private final TickScheduler scheduler = new TickScheduler(Duration.ofMillis(20));
    private final TickPayload payload = new TickPayload(BYTES);
    private final CountingRecorder recorder = new CountingRecorder();

    @AfterEach
    void stop() {
        scheduler.close();
    }

    private TrafficStream stream(LoopbackTransport transport, Duration duration) {
        return new TrafficStream(transport, scheduler, payload, recorder,
                new TrafficStream.Settings(duration, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2), EchoShape.TERMINAL));
    }

    @Test
    void everyPlannedTickIsSentAndEchoedOnManyStreams() throws Exception {
        List<LoopbackTransport> transports = new ArrayList<>();
        List<Callable<TrafficStreamResult>> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            LoopbackTransport t = new LoopbackTransport(EchoShape.TERMINAL);
            transports.add(t);
            TrafficStream s = stream(t, Duration.ofSeconds(1));
            runs.add(s::run);
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<TrafficStreamResult> f : threads.invokeAll(runs)) {
                TrafficStreamResult r = f.get();
                assertEquals(50, r.ticksPlanned());
                assertEquals(50, r.ticksSent());
                assertEquals(50, r.ticksEchoed());
                assertEquals(50L * BYTES, r.bytesWritten());
                assertEquals(50L * (BYTES + 1), r.bytesRead(), "terminal echo adds \\r per line");
                assertEquals(1.0, r.delivery());
            }
        }
        assertEquals(8L * 50 * BYTES, recorder.written.sum());
        assertEquals(8L * 50, recorder.corrected.getTotalCount());
        assertEquals(8L * 50, recorder.writeLatencies.sum(), "every write's duration is recorded");
        transports.forEach(LoopbackTransport::close);
    }

    @Test
    void aStreamClosesOneIntervalAfterItsLastTickWasDueSoNoCloseDelaysANeighboursLastTick() throws Exception {
        LoopbackTransport t = new LoopbackTransport(EchoShape.TERMINAL);
        TrafficStreamResult r = stream(t, Duration.ofSeconds(1)).run();
        assertEquals(50, r.ticksSent());
        long afterLastSendMs = (t.finishNanos - t.lastSendNanos) / 1_000_000;
        // The last tick went out at most a little late; the close waits for the rest of its 20 ms interval.
        assertTrue(afterLastSendMs >= 15, "closed " + afterLastSendMs + " ms after the last send");
        assertTrue(afterLastSendMs < 1000, "closed " + afterLastSendMs + " ms after the last send");
        t.close();
    }

    @Test
    void aStreamPlacedLateByItsBusyEventLoopStillSendsItsWholePlan() throws Exception {
        LoopbackTransport t = new LoopbackTransport(EchoShape.TERMINAL);
        t.paceOnIo = true;
        // Placed 300 ms late, its last tick is due after the duration plus two ticks from the open.
        t.stallMs = 300;
        TrafficStreamResult r = stream(t, Duration.ofSeconds(1)).run();
        assertEquals(50, r.ticksPlanned());
        assertEquals(50, r.ticksSent(), "every tick of the plan is sent, counted from the stream's first tick");
        assertEquals(1.0, r.delivery());
        t.close();
    }

    @Test
    void aLoopThatStallsJustBeforeTheLastTicksStillSendsThem() throws Exception {
        LoopbackTransport t = new LoopbackTransport(EchoShape.TERMINAL);
        t.paceOnIo = true;
        // Ticks of 20 ms: the loop stalls for 15 of them right before the plan's end.
        t.stallAfterOpenMs = 900;
        t.stallMs = 300;
        TrafficStreamResult r = stream(t, Duration.ofSeconds(1)).run();
        assertEquals(50, r.ticksSent(), "the last ticks go out late, once the loop turns again");
        assertEquals(1.0, r.delivery());
        t.close();
    }

    @Test
    void noStreamSendsBeforeTheLastOneConnected() throws Exception {
        StartGate gate = new StartGate(3, Duration.ofSeconds(20));
        List<LoopbackTransport> transports = new ArrayList<>();
        List<Callable<TrafficStreamResult>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            LoopbackTransport t = new LoopbackTransport(EchoShape.TERMINAL);
            t.openDelayMs = i * 300L;
            transports.add(t);
            TrafficStream s = gated(t, Duration.ofMillis(400), gate);
            runs.add(s::run);
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<TrafficStreamResult> f : threads.invokeAll(runs)) {
                assertEquals(1.0, f.get().delivery(), "a gated stream still sends its whole plan");
            }
        }
        long lastConnected = transports.get(2).openedNanos;
        for (LoopbackTransport t : transports) {
            assertTrue(t.firstSendNanos >= lastConnected,
                    "first send " + (t.firstSendNanos - lastConnected) / 1_000_000 + " ms after the last connect");
            t.close();
        }
    }

    @Test
    void streamsThatStartedTogetherCloseAfterTheLastOneOfThemWasPlacedLateSentItsLastTick() throws Exception {
        StartGate gate = new StartGate(2, Duration.ofSeconds(20));
        LoopbackTransport early = new LoopbackTransport(EchoShape.TERMINAL);
        LoopbackTransport late = new LoopbackTransport(EchoShape.TERMINAL);
        early.paceOnIo = true;
        late.paceOnIo = true;
        // The late stream's loop is busy for 300 ms after its open, so its plan starts that much later.
        late.stallMs = 300;
        List<Callable<TrafficStreamResult>> runs = List.of(gated(early, Duration.ofMillis(400), gate)::run,
                gated(late, Duration.ofMillis(400), gate)::run);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<TrafficStreamResult> f : threads.invokeAll(runs)) {
                assertEquals(1.0, f.get().delivery());
            }
        }
        assertTrue(early.finishNanos > late.lastSendNanos, "the early stream closed "
                + (late.lastSendNanos - early.finishNanos) / 1_000_000 + " ms before the late one's last tick");
        early.close();
        late.close();
    }

    @Test
    void aStreamThatCannotConnectDoesNotHoldTheOthers() throws Exception {
        StartGate gate = new StartGate(2, Duration.ofSeconds(20));
        LoopbackTransport good = new LoopbackTransport(EchoShape.TERMINAL);
        LoopbackTransport refused = new LoopbackTransport(EchoShape.TERMINAL);
        refused.refuseOpen = true;
        refused.openDelayMs = 200;
        long started = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<TrafficStreamResult> ok = threads.submit(gated(good, Duration.ofMillis(200), gate)::run);
            Future<TrafficStreamResult> failed = threads.submit(gated(refused, Duration.ofMillis(200), gate)::run);
            assertEquals(1.0, ok.get().delivery());
            assertTrue(assertThrows(ExecutionException.class, failed::get).getCause() instanceof StreamFailure);
        }
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "the gate opened when the refused stream withdrew");
        good.close();
        refused.close();
    }

    private TrafficStream gated(LoopbackTransport transport, Duration duration, StartGate gate) {
        return new TrafficStream(transport, scheduler, payload, recorder,
                new TrafficStream.Settings(duration, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2), EchoShape.TERMINAL),
                gate);
    }

    @Test
    void aStalledEchoShowsInCorrectedButNotInUncorrectedTail() throws Exception {
        LoopbackTransport t = new LoopbackTransport(EchoShape.TERMINAL);
        t.extraDelayMs = 500;
        t.delaySend = n -> n == 10;
        TrafficStreamResult r = stream(t, Duration.ofSeconds(2)).run();
        assertEquals(100, r.ticksEchoed(), "the stall delays ticks, it does not lose them");
        // One tick waited 500 ms; about 25 ticks were due during the stall and went out late.
        assertTrue(recorder.corrected.getValueAtPercentile(90) >= 100_000,
                "corrected p90 shows the stall: " + recorder.corrected.getValueAtPercentile(90) + "µs");
        assertTrue(recorder.uncorrected.getValueAtPercentile(90) < 100_000,
                "uncorrected p90 hides it: " + recorder.uncorrected.getValueAtPercentile(90) + "µs");
        assertTrue(recorder.lateness.getMaxValue() >= 400_000, "late sends recorded");
        t.close();
    }

    @Test
    void aDroppedStreamReconnectsAndKeepsGoing() throws Exception {
        LoopbackTransport t = new LoopbackTransport(EchoShape.TERMINAL);
        t.dropAfterSend = n -> n == 5;
        TrafficStreamResult r = stream(t, Duration.ofSeconds(1)).run();
        assertEquals(2, t.opens.get());
        assertEquals(1, r.reconnects());
        assertEquals(1, recorder.reconnects.get());
        assertTrue(r.ticksEchoed() >= 49, "ticks after the reconnect are delivered: " + r);
        t.close();
    }

    @Test
    void readLatencyIsTheWaitForEachChunkSinceTheStreamWasReadyForMore() throws Exception {
        LoopbackTransport t = new LoopbackTransport(EchoShape.TERMINAL);
        // Each echo comes 60 ms after its tick, in two chunks back to back: the first chunk of every
        // echo waited at least those 60 ms since the stream consumed the previous chunk (or opened).
        t.echoDelayMs = 60;
        TrafficStreamResult r = stream(t, Duration.ofMillis(600)).run();
        assertTrue(r.ticksEchoed() > 0, r.toString());
        assertEquals(2 * r.ticksEchoed(), recorder.readLatencies.size(), "one observation per chunk");
        // A late tick can go out while the previous echo's last chunk is being consumed, a moment
        // before the stream marks itself ready, so the wait may fall short of 60 ms by that moment.
        long waitedForEcho = recorder.readLatencies.stream().filter(n -> n >= Duration.ofMillis(50).toNanos()).count();
        assertTrue(waitedForEcho >= r.ticksEchoed(), "every echo's first chunk waited for the echo: " + recorder.readLatencies);
        assertTrue(recorder.readLatencies.stream().allMatch(n -> n >= 0));
        t.close();
    }

    @Test
    void aConnectionThatEndsMidStreamIsReportedWithItsFailure() throws Exception {
        LoopbackTransport t = new LoopbackTransport(EchoShape.TERMINAL);
        StreamFailure closed = StreamFailure.closedByPeer(1011, "loopback: closed with status 1011");
        t.dropWith = closed;
        t.dropAfterSend = n -> n == 3;
        stream(t, Duration.ofMillis(400)).run();
        assertEquals(List.of(closed), recorder.readFailures);
        assertEquals(1011, recorder.readFailures.getFirst().peerCloseStatus().orElseThrow());
        t.close();
    }

    @Test
    void aStreamCutAfterItsLastTickStillEndsWithItsResult() throws Exception {
        LoopbackTransport t = new LoopbackTransport(EchoShape.TERMINAL);
        t.dropAfterSend = n -> n == 50;
        TrafficStreamResult r = stream(t, Duration.ofSeconds(1)).run();
        assertEquals(50, r.ticksEchoed(), "the lost connection is counted, the run does not fail: " + r);
        t.close();
    }

    @Test
    void aGarbledEchoIsCountedAsMismatch() throws Exception {
        LoopbackTransport t = new LoopbackTransport(EchoShape.TERMINAL);
        t.garbleSend = n -> n == 3;
        TrafficStream s = stream(t, Duration.ofMillis(400));
        try {
            s.run();
        } catch (StreamFailure expected) {
            // the mismatch may also be the run's failure; both are fine here
        }
        assertEquals(1, recorder.mismatches.get());
        t.close();
    }
}
