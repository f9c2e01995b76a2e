package dev.scaletest.bench.peers;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyBytes;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The web-terminal traffic of {@code scaletest workspace-traffic}, written against Gatling's Java
 * DSL: one virtual user per stream opens coderd's reconnecting-PTY WebSocket
 * ({@code /api/v2/workspaceagents/<agent>/pty?command=...&height=25&reconnect=<uuid>&width=80}) with
 * the session cookie, runs scaletest's {@code dd} there, waits until every stream is connected
 * (as scaletest's start gate does), then sends one tick of {@code bytesPerTick} bytes per interval
 * for the duration and ends with Ctrl-C and a close.
 *
 * <p>Pacing is scaletest's: tick {@code k} is due at {@code firstDue + k * interval}, at most one
 * tick is in flight (the next is sent once the terminal has echoed the line, or at once if that was
 * already late), and each send's lateness against its plan is recorded. Streams start spread over
 * 20 slots of the interval, as scaletest's pacing wheel spreads them.
 */
public final class TerminalTrafficSimulation extends Simulation {

    /** What scaletest's web terminal asks for (80x25). */
    private static final int WIDTH = 80;
    private static final int HEIGHT = 25;
    /** scaletest's pacing wheel has 20 slots per interval; streams are spread over them. */
    private static final int SLOTS = 20;
    private static final Duration ECHO_TIMEOUT = Duration.ofSeconds(10);

    private final PeerSettings settings = PeerSettings.fromSystemProperties();
    private final TerminalTickFrames ticks = new TerminalTickFrames(settings.bytesPerTick());
    private final byte[] interrupt = TerminalTickFrames.interrupt();
    private final SecondHistograms lateness = new SecondHistograms();
    /** From the send of a tick's first frame to the frame that completes its echo (scaletest's uncorrected echo RTT). */
    private final SecondHistograms echoRtt = new SecondHistograms();
    /** The instant every stream's plan counts from: set by the first user past the start gate. */
    private final AtomicLong startNanos = new AtomicLong();
    private final LongAdder ticksSent = new LongAdder();
    private final LongAdder echoes = new LongAdder();
    private final LongAdder echoFailures = new LongAdder();

    {
        HttpProtocolBuilder protocol = http
                .baseUrl(settings.url().toString())
                .wsBaseUrl(settings.webSocketBase())
                // Gatling's warm-up fetches a public page; the bench stays on loopback.
                .disableWarmUp();

        // The terminal echoes each line and ends it with \r\n: a frame ending so closes the tick's echo.
        var echo = ws.checkBinaryMessage("echo")
                .matching(bodyBytes().transform(TerminalTrafficSimulation::endsLine).is(true));

        List<ChainBuilder> tick = new ArrayList<>();
        tick.add(pause(this::untilDue));
        tick.add(exec(this::markSend));
        for (int f = 0; f < ticks.frameCount() - 1; f++) {
            int frame = f;
            tick.add(exec(ws("tick").sendBytes(session -> ticks.frame(frame, session.getInt("tick")))));
        }
        int last = ticks.frameCount() - 1;
        tick.add(exec(ws("tick").sendBytes(session -> ticks.frame(last, session.getInt("tick")))
                .await(ECHO_TIMEOUT).on(echo)));
        tick.add(exec(this::countEcho));

        String command = "dd if=/dev/stdin of=/dev/null bs=" + settings.bytesPerTick() + " status=none";
        String cookie = "coder_session_token=" + settings.token();
        long planned = settings.plannedTicks();

        ScenarioBuilder streams = scenario("web-terminal traffic")
                .feed(csv(settings.agents().toString()).queue())
                .exec(ws("connect")
                        .connect(session -> ptyPath(session.getString("agent_id"), command))
                        .header("Cookie", cookie))
                .rendezVous(settings.streams())
                .exec(this::plan)
                .exec(asLongAs(session -> session.getInt("tick") < planned && !planOver(session), "tick").on(exec(tick)))
                // scaletest's end: Ctrl-C stops dd, then the WebSocket is closed.
                .exec(ws("interrupt").sendBytes(interrupt))
                .exec(ws("close").close());

        setUp(streams.injectOpen(atOnceUsers(settings.streams())))
                .protocols(protocol)
                // A bound in case streams never all connect (the start gate would wait forever).
                .maxDuration(settings.duration().plusMinutes(2));
    }

    /** coderd's reconnecting-PTY path, query keys sorted as Go's url.Values.Encode sorts them. */
    private static String ptyPath(String agent, String command) {
        return "/api/v2/workspaceagents/" + agent + "/pty?command=" + goQueryEscape(command)
                + "&height=" + HEIGHT + "&reconnect=" + UUID.randomUUID() + "&width=" + WIDTH;
    }

    /** Go's url.QueryEscape: unreserved characters stay, space becomes '+', the rest %XX. */
    private static String goQueryEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static boolean endsLine(byte[] frame) {
        return frame.length >= 2 && frame[frame.length - 2] == '\r' && frame[frame.length - 1] == '\n';
    }

    /** Plans this stream's first tick one interval after the gate opened, in its slot of the interval. */
    private Session plan(Session session) {
        long now = System.nanoTime();
        if (startNanos.compareAndSet(0, now)) {
            writeStartMark();
        }
        long interval = settings.tick().toNanos();
        long slot = (session.userId() - 1) % SLOTS;
        return session.set("firstDue", startNanos.get() + interval + slot * interval / SLOTS);
    }

    private long due(Session session) {
        return session.getLong("firstDue") + session.getInt("tick") * settings.tick().toNanos();
    }

    /**
     * The plan's last tick is due: like scaletest's pacer, a stream that is behind then stops after
     * the tick in flight instead of sending the ticks it still owes (they count against delivery).
     */
    private boolean planOver(Session session) {
        long lastDue = session.getLong("firstDue") + (settings.plannedTicks() - 1) * settings.tick().toNanos();
        return System.nanoTime() >= lastDue;
    }

    /** Time left until this tick is due, rounded up to Gatling's millisecond pauses (0 when late). */
    private Duration untilDue(Session session) {
        long left = due(session) - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofMillis((left + 999_999) / 1_000_000);
    }

    private Session markSend(Session session) {
        long now = System.nanoTime();
        lateness.record(System.currentTimeMillis(), now - due(session));
        ticksSent.increment();
        return session.markAsSucceeded().set("sentNanos", now);
    }

    private Session countEcho(Session session) {
        if (session.isFailed()) {
            echoFailures.increment();
        } else {
            echoRtt.record(System.currentTimeMillis(), System.nanoTime() - session.getLong("sentNanos"));
            echoes.increment();
        }
        return session;
    }

    /** Tells the bench when traffic started (epoch ms), so it can place its steady window. */
    private void writeStartMark() {
        try {
            Files.writeString(settings.outDir().resolve("traffic-start.txt"), System.currentTimeMillis() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the start mark in " + settings.outDir(), e);
        }
    }

    @Override
    public void after() {
        lateness.write(settings.outDir().resolve("lateness.jsonl"));
        echoRtt.write(settings.outDir().resolve("echo-rtt.jsonl"));
        String summary = "{\"streams\":" + settings.streams() + ",\"planned_ticks_per_stream\":" + settings.plannedTicks()
                + ",\"bytes_per_tick\":" + settings.bytesPerTick() + ",\"ticks_sent\":" + ticksSent.sum()
                + ",\"echoes\":" + echoes.sum() + ",\"echo_failures\":" + echoFailures.sum() + "}\n";
        try {
            Files.writeString(settings.outDir().resolve("summary.json"), summary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary in " + settings.outDir(), e);
        }
    }
}
