package dev.scaletest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.errors.ErrorClass;
import dev.scaletest.ssh.HostKeyPolicy;
import dev.scaletest.ssh.OpenSshServer;
import dev.scaletest.ssh.RealSshd;
import dev.scaletest.ssh.SshCredentials;
import dev.scaletest.ssh.SshTransport;
import dev.scaletest.traffic.EchoCommand;
import dev.scaletest.traffic.EchoShape;
import dev.scaletest.traffic.StartGate;
import dev.scaletest.traffic.TickPayload;
import dev.scaletest.traffic.TickScheduler;
import dev.scaletest.traffic.TrafficRecorder;
import dev.scaletest.traffic.TrafficStream;
import dev.scaletest.traffic.TrafficStreamResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The traffic engine's SSH streams against a real OpenSSH sshd running the real {@code dd}: paced
 * streams at 40 KB/s each for 3 s, over a direct connection checked against known_hosts and
 * through a proxy command (a bash relay, as {@code coder ssh --stdio} would carry it). Every byte
 * comes back and every tick's echo is matched. Fails where sshd is not installed
 * ({@code bin/install-test-tools}).
 *
 * <p>At stream level, ten streams per route connecting at the same instant;
 * {@link WorkspaceTrafficRealSshdE2ETest} drives the same sshd through the command. sshd starts each
 * command through the user's shell; {@link OpenSshServer} keeps that shell from sourcing ~/.bashrc,
 * which on a machine with a heavy one (pyenv init: seconds for ten at once) delays every command's
 * start past the 3 s run, so each stream's first echo would only arrive after EOF.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RealSshdTrafficE2ETest {
    private static final int STREAMS = 10;
    private static final int BYTES_PER_TICK = 4096;
    private static final Duration DURATION = Duration.ofSeconds(3);

    @RegisterExtension
    static final RealSshd SSH = new RealSshd();

    @Test
    void directStreamsEchoEveryTickThroughRealDd() throws Exception {
        Path knownHosts = Files.writeString(SSH.dir().resolve("known_hosts_direct"), SSH.server().knownHostsLine("127.0.0.1", SSH.server().port()) + "\n");
        HostKeyPolicy hostKeys = HostKeyPolicy.knownHosts(knownHosts);
        assertEveryTickEchoed(i -> transport(hostKeys).direct("127.0.0.1", SSH.server().port()).build());
    }

    @Test
    void proxyCommandStreamsEchoEveryTickThroughRealDd() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < STREAMS; i++) {
            lines.append(SSH.server().knownHostsLine("ws-" + i, 22)).append('\n');
        }
        HostKeyPolicy hostKeys = HostKeyPolicy.knownHosts(Files.writeString(SSH.dir().resolve("known_hosts_proxy"), lines));
        String relay = "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + SSH.server().port() + "; cat <&3 & exec cat >&3' {workspace}";
        assertEveryTickEchoed(i -> transport(hostKeys).proxyCommand(relay, "ws-" + i).build());
    }

    private static SshTransport.Builder transport(HostKeyPolicy hostKeys) {
        try {
            return SshTransport.builder(SSH.client()).user(SSH.server().user())
                    .credentials(SshCredentials.none().withKeyFile(SSH.server().clientKey()))
                    .hostKeys(hostKeys)
                    .command(EchoCommand.dd(BYTES_PER_TICK, true))
                    .connectTimeout(Duration.ofSeconds(30));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertEveryTickEchoed(Function<Integer, SshTransport> transports) throws Exception {
        Counting recorder = new Counting();
        StartGate gate = new StartGate(STREAMS, Duration.ofSeconds(20));
        TrafficStream.Settings settings = new TrafficStream.Settings(DURATION, Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(5), EchoShape.RAW);
        List<Callable<TrafficStreamResult>> runs = new ArrayList<>();
        try (TickScheduler scheduler = new TickScheduler(Duration.ofMillis(100));
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < STREAMS; i++) {
                TrafficStream stream = new TrafficStream(transports.apply(i), scheduler, new TickPayload(BYTES_PER_TICK), recorder, settings, gate);
                runs.add(stream::run);
            }
            for (Future<TrafficStreamResult> f : threads.invokeAll(runs)) {
                TrafficStreamResult r = f.get();
                assertEquals(30, r.ticksPlanned(), r.toString());
                assertEquals(r.ticksPlanned(), r.ticksEchoed(), "every tick's echo matched: " + r);
                assertEquals(30L * BYTES_PER_TICK, r.bytesWritten(), r.toString());
                assertEquals(r.bytesWritten(), r.bytesRead(), "dd echoes exactly what it reads: " + r);
            }
        }
        long expected = STREAMS * 40_960L * DURATION.toSeconds();
        assertTrue(Math.abs(recorder.read.sum() - expected) <= expected / 100, "read " + recorder.read.sum() + " of " + expected);
        assertEquals(0, recorder.errors.sum(), "no stream errors");
        assertEquals(STREAMS * 30L, recorder.echoes.sum());
    }

    private static final class Counting implements TrafficRecorder {
        final LongAdder read = new LongAdder();
        final LongAdder echoes = new LongAdder();
        final LongAdder errors = new LongAdder();

        @Override public void echo(long correctedNanos, long uncorrectedNanos) {
            echoes.increment();
        }

        @Override public void sendLateness(long nanos) {}

        @Override public void bytesWritten(long count) {}

        @Override public void bytesRead(long count) {
            read.add(count);
        }

        @Override public void reconnect() {}

        @Override public void error(ErrorClass errorClass) {
            errors.increment();
        }
    }
}
