package dev.scaletest.ssh;

import static dev.scaletest.ssh.StreamChecks.WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Proxy commands cost the JVM a fixed handful of threads, not threads per stream: with a process and
 * its pipes per command, 300 streams took about 1,200 threads (two pumps, a stderr reader and the
 * JDK's reaper each). Runs on a started shared client's own event loops, as a run does; a loop's
 * thread starts as it is first needed, so they are counted among the extra threads.
 */
class ProxyCommandThreadsTest {
    private static final int STREAMS = 300;
    private static final int MAX_EXTRA_THREADS = 10;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void threeHundredStreamsUpAtOnceAddAHandfulOfThreadsAndEachMovesItsBytes() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<ProxyCommandRelay> relays = new ArrayList<>();
        List<TakenCommandSocket> sockets = new ArrayList<>();
        try (SharedSshClient client = SharedSshClient.start()) {
            ProxyCommands commands = client.proxyCommands();
            int before = threads.getThreadCount();
            threads.resetPeakThreadCount();
            for (int i = 0; i < STREAMS; i++) {
                ProxyCommandRelay relay = commands.start("exec cat", Map.of());
                relays.add(relay);
                sockets.add(TakenCommandSocket.of(relay));
            }
            for (int i = 0; i < STREAMS; i++) {
                sockets.get(i).write(StreamChecks.randomBytes(4096, i));
            }
            for (int i = 0; i < STREAMS; i++) {
                assertArrayEquals(StreamChecks.randomBytes(4096, i), sockets.get(i).read(4096), "stream " + i);
            }
            int peak = threads.getPeakThreadCount();
            long processes = ProcessHandle.current().descendants().count();
            System.out.printf("%d proxy streams up: %d threads before, %d now, peak %d; %d processes under the JVM%n",
                    STREAMS, before, threads.getThreadCount(), peak, processes);
            assertTrue(peak - before <= MAX_EXTRA_THREADS, "threads grew from " + before + " to a peak of " + peak);
            assertFalse(relays.stream().anyMatch(ProxyCommandRelay::hasEnded), "every command still runs");
            assertEquals(1 + 2L * STREAMS, processes, "the spawner, and a waiting subshell and the command per stream");
            for (TakenCommandSocket s : sockets) {
                s.close();
            }
            relays.forEach(ProxyCommandRelay::close);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ProcessHandle.current().descendants().findAny().isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, ProcessHandle.current().descendants().count(), "every command and the spawner ended");
    }
}
