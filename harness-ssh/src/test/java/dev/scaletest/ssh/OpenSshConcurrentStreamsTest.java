package dev.scaletest.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scaletest.traffic.EchoShape;
import dev.scaletest.traffic.ErrorClass;
import dev.scaletest.traffic.StartGate;
import dev.scaletest.traffic.TickPayload;
import dev.scaletest.traffic.TickScheduler;
import dev.scaletest.traffic.TrafficRecorder;
import dev.scaletest.traffic.TrafficStream;
import dev.scaletest.traffic.TrafficStreamResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten paced streams that connect to one real OpenSSH sshd at the same instant, each running the
 * real {@code dd}: every tick's echo must come back while the stream runs. Each tick waits for the
 * previous echo, so a stream whose first echo only arrives at EOF sends one tick in 3 s and fails
 * here (as it did while sshd's shell sourced a slow ~/.bashrc, see {@link OpenSshServer}).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OpenSshConcurrentStreamsTest {
    private static final int STREAMS = 10;
    private static final int BYTES_PER_TICK = 4096;
    private static final Duration DURATION = Duration.ofSeconds(3);

    @TempDir
    static Path dir;

    static OpenSshServer sshd;
    static SharedSshClient client;

    @BeforeAll
    static void start() throws Exception {
        sshd = OpenSshServer.start(dir);
        client = SharedSshClient.start();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void streamsConnectingAtOnceEchoEveryTick() throws Exception {
        StartGate gate = new StartGate(STREAMS, Duration.ofSeconds(20));
        TrafficStream.Settings settings = new TrafficStream.Settings(BYTES_PER_TICK, DURATION, Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofSeconds(5), EchoShape.RAW);
        List<Callable<TrafficStreamResult>> runs = new ArrayList<>();
        try (TickScheduler scheduler = new TickScheduler(Duration.ofMillis(100));
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < STREAMS; i++) {
                SshTransport transport = SshTransport.builder(client).user(sshd.user())
                        .credentials(SshCredentials.none().withKeyFile(sshd.clientKey()))
                        .hostKeys(HostKeyPolicy.acceptAny())
                        .command(SshTransport.ddCommand(BYTES_PER_TICK, true))
                        .connectTimeout(Duration.ofSeconds(30))
                        .direct("127.0.0.1", sshd.port()).build();
                TrafficStream stream = new TrafficStream(transport, scheduler, new TickPayload(BYTES_PER_TICK),
                        NO_RECORDING, settings, gate);
                runs.add(stream::run);
            }
            for (Future<TrafficStreamResult> f : threads.invokeAll(runs)) {
                TrafficStreamResult r = f.get();
                assertEquals(30, r.ticksPlanned(), r.toString());
                assertEquals(r.ticksPlanned(), r.ticksEchoed(), "every tick's echo matched while the stream ran: " + r);
                assertEquals(30L * BYTES_PER_TICK, r.bytesRead(), "dd echoes exactly what it reads: " + r);
            }
        }
    }

    private static final TrafficRecorder NO_RECORDING = new TrafficRecorder() {
        @Override public void echo(long correctedNanos, long uncorrectedNanos) {}

        @Override public void sendLateness(long nanos) {}

        @Override public void bytesWritten(long count) {}

        @Override public void bytesRead(long count) {}

        @Override public void reconnect() {}

        @Override public void error(ErrorClass errorClass) {}
    };
}
